#!/bin/sh
# strata stand-in for /usr/local/bin/docker-entrypoint.sh of the official wordpress image (also
# reached as docker-ensure-installed.sh). Upstream
# (docker-library/wordpress@bf223d1c2087b0b2c3b86eefa830fe4bbc2bce07:latest/php8.3/apache/docker-entrypoint.sh)
# is a bash script; these are its steps in sh, with its messages (all on stderr):
#  - for apache2*/php-fpm (or when run as docker-ensure-installed.sh): when the working directory has
#    neither index.php nor wp-includes/version.php, copy /usr/src/wordpress into it ("WordPress not
#    found in $PWD - copying now...", "WARNING: $PWD is not empty! (copying anyhow)" when it holds
#    more than wp-content, "WARNING: '$PWD/PATH' exists! (not copying the WordPress version)" for an
#    existing .htaccess or wp-content/*/*/ entry, which is left alone, then "Complete! WordPress has
#    been successfully copied to $PWD"); a root:root working directory is first given to the run user;
#  - when wp-config.php is missing or empty and WORDPRESS_* variables are set, write it from
#    wp-config-docker.php ("No 'wp-config.php' found in $PWD, but 'WORDPRESS_...' variables supplied;
#    copying 'FILE' (NAMES)"), owned by the run user;
#  - exec the command.
# Differences: upstream copies with `tar --owner USER --group GROUP ... | tar --extract`, which also
# gives every directory of the copy (the working directory itself included) the source's mode and the
# run user; this stand-in does the same with cp and chmod/chown. Upstream replaces each "put your
# unique phrase here" with a random sha1 (of /dev/urandom); the stand-in writes the sha1 of the
# line's number instead, so recordings stay the same from run to run.
set -eu

self="$(basename "$0")"
case "${1-}" in
    apache2*|php-fpm) run=1 ;;
    *) run= ; [ "$self" = 'docker-ensure-installed.sh' ] && run=1 ;;
esac

if [ -n "$run" ]; then
    uid="$(id -u)"
    gid="$(id -g)"
    if [ "$uid" = '0' ]; then
        case "${1-}" in
            apache2*)
                user="${APACHE_RUN_USER:-www-data}"
                group="${APACHE_RUN_GROUP:-www-data}"
                # strip off any '#' symbol ('#1000' is valid syntax for Apache)
                user="${user#\#}"
                group="${group#\#}"
                ;;
            *)
                user='www-data'
                group='www-data'
                ;;
        esac
    else
        user="$uid"
        group="$gid"
    fi

    if [ ! -e index.php ] && [ ! -e wp-includes/version.php ]; then
        # a Docker-created (root:root) directory is given to the run user
        if [ "$uid" = '0' ] && [ "$(stat -c '%u:%g' .)" = '0:0' ]; then
            chown "$user:$group" .
        fi

        echo >&2 "WordPress not found in $PWD - copying now..."
        if [ -n "$(find . -mindepth 1 -maxdepth 1 -not -name wp-content)" ]; then
            echo >&2 "WARNING: $PWD is not empty! (copying anyhow)"
        fi
        # "pluggable" content already in the destination is not copied
        excludes=
        for contentPath in /usr/src/wordpress/.htaccess /usr/src/wordpress/wp-content/*/*/; do
            contentPath="${contentPath%/}"
            [ -e "$contentPath" ] || continue
            contentPath="${contentPath#/usr/src/wordpress/}"
            if [ -e "$PWD/$contentPath" ]; then
                echo >&2 "WARNING: '$PWD/$contentPath' exists! (not copying the WordPress version)"
                excludes="$excludes ./$contentPath"
            fi
        done
        # the copy: directories first (then their mode), then the files
        (cd /usr/src/wordpress && find . -print) | while IFS= read -r path; do
            for ex in $excludes; do
                case "$path" in "$ex"|"$ex"/*) continue 2 ;; esac
            done
            src="/usr/src/wordpress/${path#./}"
            if [ -d "$src" ] && [ ! -L "$src" ]; then
                mkdir -p "$path"
                chmod "$(stat -c '%a' "$src")" "$path"
                [ "$uid" != '0' ] || chown "$user:$group" "$path"
            else
                rm -f "$path"
                cp "$src" "$path"
                chmod "$(stat -c '%a' "$src")" "$path"
                [ "$uid" != '0' ] || chown "$user:$group" "$path"
            fi
        done
        echo >&2 "Complete! WordPress has been successfully copied to $PWD"
    fi

    wpEnvs="$(env | sed -n 's/^\(WORDPRESS_[A-Za-z0-9_]*\)=.*/\1/p' | sort | tr '\n' ' ')"
    wpEnvs="${wpEnvs% }"
    if [ ! -s wp-config.php ] && [ -n "$wpEnvs" ]; then
        for wpConfigDocker in \
            wp-config-docker.php \
            /usr/src/wordpress/wp-config-docker.php \
        ; do
            if [ -s "$wpConfigDocker" ]; then
                echo >&2 "No 'wp-config.php' found in $PWD, but 'WORDPRESS_...' variables supplied; copying '$wpConfigDocker' ($wpEnvs)"
                n=0
                while IFS= read -r line || [ -n "$line" ]; do
                    n=$((n + 1))
                    case "$line" in
                        *'put your unique phrase here'*)
                            str="$(printf '%s' "$n" | sha1sum | cut -d' ' -f1)"
                            line="$(printf '%s\n' "$line" | sed "s/put your unique phrase here/$str/g")"
                            ;;
                    esac
                    printf '%s\n' "$line"
                done < "$wpConfigDocker" > wp-config.php
                if [ "$uid" = '0' ]; then
                    # attempt to ensure that wp-config.php is owned by the run user
                    chown "$user:$group" wp-config.php || true
                fi
                break
            fi
        done
    fi
fi

exec "$@"
