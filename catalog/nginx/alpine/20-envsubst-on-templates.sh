#!/bin/sh
# strata stand-in for the official nginx image's /docker-entrypoint.d/20-envsubst-on-templates.sh.
# Behaviour and messages: nginx/docker-nginx@0d7f4380c735af5009aa364e27fafecd958fd4fa:entrypoint/20-envsubst-on-templates.sh
# Every /etc/nginx/templates/**/*.template becomes /etc/nginx/conf.d/**/* with the environment's
# variables substituted ($NAME and ${NAME}, as envsubst does for defined variables only).
# Upstream runs gettext's envsubst; this stand-in substitutes with busybox sed (values holding a
# newline are not supported). Stream templates (*.stream-template) are not handled: upstream
# appends a block to nginx.conf stamped with $(date), which a recording could not hold.

set -e

ME=$(basename "$0")

entrypoint_log() {
    if [ -z "${NGINX_ENTRYPOINT_QUIET_LOGS:-}" ]; then
        echo "$@"
    fi
}

template_dir="${NGINX_ENVSUBST_TEMPLATE_DIR:-/etc/nginx/templates}"
suffix="${NGINX_ENVSUBST_TEMPLATE_SUFFIX:-.template}"
output_dir="${NGINX_ENVSUBST_OUTPUT_DIR:-/etc/nginx/conf.d}"
filter="${NGINX_ENVSUBST_FILTER:-}"

[ -d "$template_dir" ] || exit 0
if [ ! -w "$output_dir" ]; then
    entrypoint_log "$ME: ERROR: $template_dir exists, but $output_dir is not writable"
    exit 0
fi

# a sed program replacing ${NAME} and $NAME for every variable in the environment
sed_program=
for name in $(env | sed -n 's/^\([A-Za-z_][A-Za-z0-9_]*\)=.*/\1/p'); do
    if [ -n "$filter" ] && ! echo "$name" | grep -Eq -- "$filter"; then
        continue
    fi
    eval "value=\${$name}"
    value=$(printf '%s' "$value" | sed -e 's/[\\|&]/\\&/g')
    sed_program="$sed_program
s|\\\${$name}|$value|g
s|\\\$$name\\([^A-Za-z0-9_]\\)|$value\\1|g
s|\\\$$name\$|$value|"
done

find "$template_dir" -follow -type f -name "*$suffix" -print | while read -r template; do
    relative_path="${template#"$template_dir/"}"
    output_path="$output_dir/${relative_path%"$suffix"}"
    subdir=$(dirname "$relative_path")
    mkdir -p "$output_dir/$subdir"
    entrypoint_log "$ME: Running envsubst on $template to $output_path"
    sed -e "$sed_program" < "$template" > "$output_path"
done

exit 0
