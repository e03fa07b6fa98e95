// The repositories of Docker Hub's library namespace: the official images, one file each under
// library/ in docker-library/official-images (commit 37079fb336f572a88700cf32e5e1f6be54a04e8f,
// 21 Aug 2026). A bare image name (`postgres`, `my_image`) is `docker.io/library/NAME`
// (reference.ParseNormalizedNamed), and that namespace holds these and nothing else, so a bare
// name outside the list truly does not exist there: the registry answers `pull access denied`.

const OFFICIAL = new Set(
  (
    'adminer aerospike almalinux alpine alt amazoncorretto amazonlinux api-firewall arangodb ' +
    'archlinux azul-zulu backdrop bash bonita buildpack-deps busybox caddy cassandra chronograf ' +
    'cirros clearlinux clefos clickhouse clojure composer convertigo couchbase couchdb crate dart ' +
    'debian docker drupal eclipse-mosquitto eclipse-temurin eggdrop elasticsearch elixir emqx erlang ' +
    'espocrm fedora flink fluentd friendica gazebo gcc geonetwork ghost golang gradle groovy haproxy ' +
    'haskell haxe hello-world hitch httpd hylang ibm-semeru-runtimes ibmjava influxdb irssi jetty ' +
    'joomla jruby julia kapacitor kibana kong krakend lightstreamer liquibase logstash mageia ' +
    'mariadb matomo maven mediawiki memcached mongo mongo-express monica mysql nats neo4j ' +
    'neurodebian nextcloud nginx nim node notary odoo open-liberty openjdk oraclelinux orientdb ' +
    'percona perl photon php php-zendserver phpmyadmin plone postfixadmin postgres pypy python ' +
    'r-base rabbitmq rakudo-star redis redmine registry rethinkdb rocket.chat rockylinux ros ruby ' +
    'rust sapmachine satosa silverpeas solr sonarqube spark spiped storm swift swipl teamspeak ' +
    'telegraf tomcat tomee traefik ubuntu unit varnish websphere-liberty wordpress xwiki yourls znc ' +
    'zookeeper'
  ).split(' '),
);

/** Whether Docker Hub has an official image of this repository (a bare name: `postgres`). */
export function isOfficialRepository(repository: string): boolean {
  return OFFICIAL.has(repository);
}
