// The storage-neutral settings (src/container/settings.ts, platform.ts, tty.ts): what the daemon
// refuses, what inspect shows, the restart policy, -t without a terminal. Each excerpt is copied unedited from the recording it names (test/container/recorded.ts replays it).

import { describe, it } from 'vitest';
import { expectRecorded, expectRecordingFile } from './recorded.ts';

describe('settings', () => {
  it('stored and shown as docker inspect shows them (core/run-settings-inspect)', () => {
    expectRecorded('docker-26.1', `
$ docker create --name st -p 8080:80 -p 127.0.0.1:9090:90/udp -p 7000-7001:7000-7001 -p 53 -p 8000-8010:81 --expose 5000 --expose 3000-3001/udp --restart on-failure:3 -m 64m --memory-swap 128m --cpus 1.5 -c 512 --init --log-driver local --log-opt max-size=1m --add-host db:10.0.0.5 --dns 8.8.8.8 --dns-search example.com --dns-option ndots:2 --stop-signal SIGINT --stop-timeout 5 --pid host --ulimit nproc=10 --ulimit nofile=1024:2048 --cap-add net_admin --cap-drop ALL --security-opt no-new-privileges busybox sleep 100
<id1>
$ docker inspect --format '{{json .HostConfig}}' st
{"Binds":null,"ContainerIDFile":"","LogConfig":{"Type":"local","Config":{"max-size":"1m"}},"NetworkMode":"bridge","PortBindings":{"53/tcp":[{"HostIp":"","HostPort":""}],"7000/tcp":[{"HostIp":"","HostPort":"7000"}],"7001/tcp":[{"HostIp":"","HostPort":"7001"}],"80/tcp":[{"HostIp":"","HostPort":"8080"}],"81/tcp":[{"HostIp":"","HostPort":"8000-8010"}],"90/udp":[{"HostIp":"127.0.0.1","HostPort":"9090"}]},"RestartPolicy":{"Name":"on-failure","MaximumRetryCount":3},"AutoRemove":false,"VolumeDriver":"","VolumesFrom":null,"ConsoleSize":[0,0],"CapAdd":["CAP_NET_ADMIN"],"CapDrop":["ALL"],"CgroupnsMode":"host","Dns":["8.8.8.8"],"DnsOptions":["ndots:2"],"DnsSearch":["example.com"],"ExtraHosts":["db:10.0.0.5"],"GroupAdd":null,"IpcMode":"private","Cgroup":"","Links":null,"OomScoreAdj":0,"PidMode":"host","Privileged":false,"PublishAllPorts":false,"ReadonlyRootfs":false,"SecurityOpt":["no-new-privileges","label=disable"],"UTSMode":"","UsernsMode":"","ShmSize":67108864,"Runtime":"runc","Isolation":"","CpuShares":512,"Memory":67108864,"NanoCpus":1500000000,"CgroupParent":"","BlkioWeight":0,"BlkioWeightDevice":[],"BlkioDeviceReadBps":[],"BlkioDeviceWriteBps":[],"BlkioDeviceReadIOps":[],"BlkioDeviceWriteIOps":[],"CpuPeriod":0,"CpuQuota":0,"CpuRealtimePeriod":0,"CpuRealtimeRuntime":0,"CpusetCpus":"","CpusetMems":"","Devices":[],"DeviceCgroupRules":null,"DeviceRequests":null,"MemoryReservation":0,"MemorySwap":134217728,"MemorySwappiness":null,"OomKillDisable":false,"PidsLimit":null,"Ulimits":[{"Name":"nofile","Hard":2048,"Soft":1024},{"Name":"nproc","Hard":10,"Soft":10}],"CpuCount":0,"CpuPercent":0,"IOMaximumIOps":0,"IOMaximumBandwidth":0,"MaskedPaths":["/proc/asound","/proc/acpi","/proc/kcore","/proc/keys","/proc/latency_stats","/proc/timer_list","/proc/timer_stats","/proc/sched_debug","/proc/scsi","/sys/firmware","/sys/devices/virtual/powercap"],"ReadonlyPaths":["/proc/bus","/proc/fs","/proc/irq","/proc/sys","/proc/sysrq-trigger"],"Init":true}
$ docker inspect --format '{{json .Config}}' st
{"Hostname":"<id1:12>","Domainname":"","User":"","AttachStdin":false,"AttachStdout":true,"AttachStderr":true,"ExposedPorts":{"3000/udp":{},"3001/udp":{},"5000/tcp":{},"53/tcp":{},"7000/tcp":{},"7001/tcp":{},"80/tcp":{},"81/tcp":{},"90/udp":{}},"Tty":false,"OpenStdin":false,"StdinOnce":false,"Env":null,"Cmd":["sleep","100"],"Image":"busybox","Volumes":null,"WorkingDir":"","Entrypoint":null,"OnBuild":null,"Labels":{},"StopSignal":"SIGINT","StopTimeout":5}
$ docker inspect --format '{{.LogPath}}|{{.HostConfig.Init}}|{{.Config.StopTimeout}}|{{.HostConfig.PublishAllPorts}}' st
|true|5|false
$ docker create --name plain busybox true
<id2>
$ docker inspect --format '{{json .HostConfig.RestartPolicy}} {{json .HostConfig.LogConfig}} {{json .HostConfig.PortBindings}} {{.HostConfig.NetworkMode}} {{.HostConfig.Init}} {{.Config.StopTimeout}} {{json .Config.ExposedPorts}} {{json .Config.Env}}' plain
{"Name":"no","MaximumRetryCount":0} {"Type":"json-file","Config":{}} {} bridge <nil> <nil> null null
$ docker inspect --format '{{.HostConfig.Tmpfs}}|{{.HostConfig.Mounts}}|{{.Config.ExposedPorts}}|{{.NetworkSettings.Ports}}|{{json .HostConfig.Ulimits}}|{{json .HostConfig.CapAdd}}' plain
map[]|[]|map[]|map[]|[]|null
$ docker create --name pa -P --expose 80 --restart unless-stopped --init=false busybox true
<id3>
$ docker inspect --format '{{json .Config.ExposedPorts}} {{json .HostConfig.PortBindings}} {{.HostConfig.PublishAllPorts}} {{json .HostConfig.RestartPolicy}} {{json .HostConfig.Init}}' pa
{"80/tcp":{}} {} true {"Name":"unless-stopped","MaximumRetryCount":0} false
$ docker create --name r0 --restart '' busybox true
<id4>
$ docker create --name r1 --restart always busybox true
<id5>
$ docker create --name r2 --restart no busybox true
<id6>
$ docker create --name r3 --restart on-failure busybox true
<id7>
$ docker inspect --format '{{.Name}} {{json .HostConfig.RestartPolicy}}' r0 r1 r2 r3
/r0 {"Name":"no","MaximumRetryCount":0}
/r1 {"Name":"always","MaximumRetryCount":0}
/r2 {"Name":"no","MaximumRetryCount":0}
/r3 {"Name":"on-failure","MaximumRetryCount":0}
$ docker create --name sw -m 10m --memory-swap -1 --cpus 0.5 --stop-signal 9 busybox true
<id8>
$ docker inspect --format '{{.HostConfig.Memory}} {{.HostConfig.MemorySwap}} {{.HostConfig.NanoCpus}} {{.Config.StopSignal}}' sw
10485760 -1 500000000 9
$ docker create --name so --security-opt label=disable --security-opt systempaths=unconfined busybox true
<id9>
$ docker inspect --format '{{json .HostConfig.SecurityOpt}} {{json .HostConfig.MaskedPaths}} {{json .HostConfig.ReadonlyPaths}}' so
["label=disable"] [] []
$ docker rm st plain pa r0 r1 r2 r3 sw so
st
plain
pa
r0
r1
r2
r3
sw
so
`);
    expectRecorded('docker-20.10', `
$ docker create --name st -p 8080:80 -p 127.0.0.1:9090:90/udp -p 7000-7001:7000-7001 -p 53 -p 8000-8010:81 --expose 5000 --expose 3000-3001/udp --restart on-failure:3 -m 64m --memory-swap 128m --cpus 1.5 -c 512 --init --log-driver local --log-opt max-size=1m --add-host db:10.0.0.5 --dns 8.8.8.8 --dns-search example.com --dns-option ndots:2 --stop-signal SIGINT --stop-timeout 5 --pid host --ulimit nproc=10 --ulimit nofile=1024:2048 --cap-add net_admin --cap-drop ALL --security-opt no-new-privileges busybox sleep 100
<id1>
$ docker inspect --format '{{json .HostConfig}}' st
{"Binds":null,"ContainerIDFile":"","LogConfig":{"Type":"local","Config":{"max-size":"1m"}},"NetworkMode":"default","PortBindings":{"53/tcp":[{"HostIp":"","HostPort":""}],"7000/tcp":[{"HostIp":"","HostPort":"7000"}],"7001/tcp":[{"HostIp":"","HostPort":"7001"}],"80/tcp":[{"HostIp":"","HostPort":"8080"}],"81/tcp":[{"HostIp":"","HostPort":"8000-8010"}],"90/udp":[{"HostIp":"127.0.0.1","HostPort":"9090"}]},"RestartPolicy":{"Name":"on-failure","MaximumRetryCount":3},"AutoRemove":false,"VolumeDriver":"","VolumesFrom":null,"CapAdd":["net_admin"],"CapDrop":["ALL"],"CgroupnsMode":"host","Dns":["8.8.8.8"],"DnsOptions":["ndots:2"],"DnsSearch":["example.com"],"ExtraHosts":["db:10.0.0.5"],"GroupAdd":null,"IpcMode":"private","Cgroup":"","Links":null,"OomScoreAdj":0,"PidMode":"host","Privileged":false,"PublishAllPorts":false,"ReadonlyRootfs":false,"SecurityOpt":["no-new-privileges","label=disable"],"UTSMode":"","UsernsMode":"","ShmSize":67108864,"Runtime":"runc","ConsoleSize":[0,0],"Isolation":"","CpuShares":512,"Memory":67108864,"NanoCpus":1500000000,"CgroupParent":"","BlkioWeight":0,"BlkioWeightDevice":[],"BlkioDeviceReadBps":null,"BlkioDeviceWriteBps":null,"BlkioDeviceReadIOps":null,"BlkioDeviceWriteIOps":null,"CpuPeriod":0,"CpuQuota":0,"CpuRealtimePeriod":0,"CpuRealtimeRuntime":0,"CpusetCpus":"","CpusetMems":"","Devices":[],"DeviceCgroupRules":null,"DeviceRequests":null,"KernelMemory":0,"KernelMemoryTCP":0,"MemoryReservation":0,"MemorySwap":134217728,"MemorySwappiness":null,"OomKillDisable":false,"PidsLimit":null,"Ulimits":[{"Name":"nofile","Hard":2048,"Soft":1024},{"Name":"nproc","Hard":10,"Soft":10}],"CpuCount":0,"CpuPercent":0,"IOMaximumIOps":0,"IOMaximumBandwidth":0,"MaskedPaths":["/proc/asound","/proc/acpi","/proc/kcore","/proc/keys","/proc/latency_stats","/proc/timer_list","/proc/timer_stats","/proc/sched_debug","/proc/scsi","/sys/firmware"],"ReadonlyPaths":["/proc/bus","/proc/fs","/proc/irq","/proc/sys","/proc/sysrq-trigger"],"Init":true}
$ docker inspect --format '{{json .Config}}' st
{"Hostname":"<id1:12>","Domainname":"","User":"","AttachStdin":false,"AttachStdout":true,"AttachStderr":true,"ExposedPorts":{"3000/udp":{},"3001/udp":{},"5000/tcp":{},"53/tcp":{},"7000/tcp":{},"7001/tcp":{},"80/tcp":{},"81/tcp":{},"90/udp":{}},"Tty":false,"OpenStdin":false,"StdinOnce":false,"Env":null,"Cmd":["sleep","100"],"Image":"busybox","Volumes":null,"WorkingDir":"","Entrypoint":null,"OnBuild":null,"Labels":{},"StopSignal":"SIGINT","StopTimeout":5}
$ docker inspect --format '{{.LogPath}}|{{.HostConfig.Init}}|{{.Config.StopTimeout}}|{{.HostConfig.PublishAllPorts}}' st
|true|5|false
$ docker create --name plain busybox true
<id2>
$ docker inspect --format '{{json .HostConfig.RestartPolicy}} {{json .HostConfig.LogConfig}} {{json .HostConfig.PortBindings}} {{.HostConfig.NetworkMode}} {{.HostConfig.Init}} {{.Config.StopTimeout}} {{json .Config.ExposedPorts}} {{json .Config.Env}}' plain
{"Name":"no","MaximumRetryCount":0} {"Type":"json-file","Config":{}} {} default <nil> <nil> null null
$ docker inspect --format '{{.HostConfig.Tmpfs}}|{{.HostConfig.Mounts}}|{{.Config.ExposedPorts}}|{{.NetworkSettings.Ports}}|{{json .HostConfig.Ulimits}}|{{json .HostConfig.CapAdd}}' plain
map[]|[]|map[]|map[]|null|null
$ docker create --name pa -P --expose 80 --restart unless-stopped --init=false busybox true
<id3>
$ docker inspect --format '{{json .Config.ExposedPorts}} {{json .HostConfig.PortBindings}} {{.HostConfig.PublishAllPorts}} {{json .HostConfig.RestartPolicy}} {{json .HostConfig.Init}}' pa
{"80/tcp":{}} {} true {"Name":"unless-stopped","MaximumRetryCount":0} false
$ docker create --name r0 --restart '' busybox true
<id4>
$ docker create --name r1 --restart always busybox true
<id5>
$ docker create --name r2 --restart no busybox true
<id6>
$ docker create --name r3 --restart on-failure busybox true
<id7>
$ docker inspect --format '{{.Name}} {{json .HostConfig.RestartPolicy}}' r0 r1 r2 r3
/r0 {"Name":"","MaximumRetryCount":0}
/r1 {"Name":"always","MaximumRetryCount":0}
/r2 {"Name":"no","MaximumRetryCount":0}
/r3 {"Name":"on-failure","MaximumRetryCount":0}
$ docker create --name sw -m 10m --memory-swap -1 --cpus 0.5 --stop-signal 9 busybox true
<id8>
$ docker inspect --format '{{.HostConfig.Memory}} {{.HostConfig.MemorySwap}} {{.HostConfig.NanoCpus}} {{.Config.StopSignal}}' sw
10485760 -1 500000000 9
$ docker create --name so --security-opt label=disable --security-opt systempaths=unconfined busybox true
<id9>
$ docker inspect --format '{{json .HostConfig.SecurityOpt}} {{json .HostConfig.MaskedPaths}} {{json .HostConfig.ReadonlyPaths}}' so
["label=disable"] [] []
$ docker rm st plain pa r0 r1 r2 r3 sw so
st
plain
pa
r0
r1
r2
r3
sw
so
`);
  });
  it('refused by the CLI or the daemon, on both engines (core/run-settings-errors)', () => {
    expectRecorded('docker-26.1', `
$ docker run --rm --restart always busybox true
docker: conflicting options: cannot specify both --restart and --rm
<blank>
Run 'docker run --help' for more information
[exit 125]
$ docker run --rm --restart bogus busybox true
docker: conflicting options: cannot specify both --restart and --rm
<blank>
Run 'docker run --help' for more information
[exit 125]
$ docker run --restart on-failure:x busybox true
docker: invalid restart policy format: maximum retry count must be an integer
<blank>
Run 'docker run --help' for more information
[exit 125]
$ docker run --restart always:3 busybox true
docker: Error response from daemon: invalid restart policy: maximum retry count can only be used with 'on-failure'
<blank>
Run 'docker run --help' for more information
[exit 125]
$ docker run --restart no:1 busybox true
docker: Error response from daemon: invalid restart policy: maximum retry count can only be used with 'on-failure'
<blank>
Run 'docker run --help' for more information
[exit 125]
$ docker run --restart on-failure:-2 busybox true
docker: Error response from daemon: invalid restart policy: maximum retry count cannot be negative
<blank>
Run 'docker run --help' for more information
[exit 125]
$ docker run --restart unless-stopped:2 busybox true
docker: Error response from daemon: invalid restart policy: maximum retry count can only be used with 'on-failure'
<blank>
Run 'docker run --help' for more information
[exit 125]
$ docker create --restart bogus busybox true
Error response from daemon: invalid restart policy: unknown policy 'bogus'; use one of 'no', 'always', 'on-failure', or 'unless-stopped'
[exit 1]
$ docker run -m 1m busybox true
docker: Error response from daemon: Minimum memory limit allowed is 6MB
<blank>
Run 'docker run --help' for more information
[exit 125]
$ docker run -m abc busybox true
invalid argument "abc" for "-m, --memory" flag: invalid size: 'abc'
<blank>
Usage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]
<blank>
Run 'docker run --help' for more information
[exit 125]
$ docker run -m 0 --memory-swap 10m busybox true
docker: Error response from daemon: You should always set the Memory limit when using Memoryswap limit, see usage
<blank>
Run 'docker run --help' for more information
[exit 125]
$ docker run -m 10m --memory-swap 5m busybox true
docker: Error response from daemon: Minimum memoryswap limit should be larger than memory limit, see usage
<blank>
Run 'docker run --help' for more information
[exit 125]
$ docker run --memory-swap abc busybox true
invalid argument "abc" for "--memory-swap" flag: invalid size: 'abc'
<blank>
Usage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]
<blank>
Run 'docker run --help' for more information
[exit 125]
$ docker run --cpus abc busybox true
invalid argument "abc" for "--cpus" flag: failed to parse abc as a rational number
<blank>
Usage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]
<blank>
Run 'docker run --help' for more information
[exit 125]
$ docker run --cpus 0.0000000001 busybox true
invalid argument "0.0000000001" for "--cpus" flag: value is too precise
<blank>
Usage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]
<blank>
Run 'docker run --help' for more information
[exit 125]
$ docker run --cpu-shares x busybox true
invalid argument "x" for "-c, --cpu-shares" flag: strconv.ParseInt: parsing "x": invalid syntax
<blank>
Usage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]
<blank>
Run 'docker run --help' for more information
[exit 125]
$ docker run -p 99999:80 busybox true
docker: invalid hostPort: 99999
<blank>
Run 'docker run --help' for more information
[exit 125]
$ docker run -p abc busybox true
docker: invalid containerPort: abc
<blank>
Run 'docker run --help' for more information
[exit 125]
$ docker run -p 80/sctp2 busybox true
docker: invalid proto: sctp2
<blank>
Run 'docker run --help' for more information
[exit 125]
$ docker run -p 1.2.3:80:80 busybox true
docker: invalid IP address: 1.2.3
<blank>
Run 'docker run --help' for more information
[exit 125]
$ docker run -p 8000-8001:80-82 busybox true
docker: invalid ranges specified for container and host Ports: 80-82 and 8000-8001
<blank>
Run 'docker run --help' for more information
[exit 125]
$ docker run -p 80: busybox true
docker: no port specified: 80:<empty>
<blank>
Run 'docker run --help' for more information
[exit 125]
$ docker run -p published=8080 busybox true
docker: no port specified: 8080:/tcp<empty>
<blank>
Run 'docker run --help' for more information
[exit 125]
$ docker run --expose 80:90 busybox true
docker: invalid port format for --expose: 80:90
<blank>
Run 'docker run --help' for more information
[exit 125]
$ docker run --expose abc busybox true
docker: invalid range format for --expose: abc, error: strconv.ParseUint: parsing "abc": invalid syntax
<blank>
Run 'docker run --help' for more information
[exit 125]
$ docker run --add-host db busybox true
invalid argument "db" for "--add-host" flag: bad format for add-host: "db"
<blank>
Usage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]
<blank>
Run 'docker run --help' for more information
[exit 125]
$ docker run --add-host db:notanip busybox true
invalid argument "db:notanip" for "--add-host" flag: invalid IP address in add-host: "notanip"
<blank>
Usage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]
<blank>
Run 'docker run --help' for more information
[exit 125]
$ docker run --dns 8.8.8.x busybox true
invalid argument "8.8.8.x" for "--dns" flag: IP address is not correctly formatted: 8.8.8.x
<blank>
Usage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]
<blank>
Run 'docker run --help' for more information
[exit 125]
$ docker run --dns-search -bad- busybox true
invalid argument "-bad-" for "--dns-search" flag: -bad- is not a valid domain
<blank>
Usage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]
<blank>
Run 'docker run --help' for more information
[exit 125]
$ docker run --stop-signal FOO busybox true
docker: Error response from daemon: invalid signal: FOO
<blank>
Run 'docker run --help' for more information
[exit 125]
$ docker run --stop-timeout x busybox true
invalid argument "x" for "--stop-timeout" flag: strconv.ParseInt: parsing "x": invalid syntax
<blank>
Usage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]
<blank>
Run 'docker run --help' for more information
[exit 125]
$ docker run --pid bogus busybox true
docker: --pid: invalid PID mode
<blank>
Run 'docker run --help' for more information
[exit 125]
$ docker run --pid container:ghost busybox true
docker: Error response from daemon: No such container: ghost
<blank>
Run 'docker run --help' for more information
[exit 125]
$ docker run --ulimit nofile busybox true
invalid argument "nofile" for "--ulimit" flag: invalid ulimit argument: nofile
<blank>
Usage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]
<blank>
Run 'docker run --help' for more information
[exit 125]
$ docker run --ulimit bogus=1 busybox true
invalid argument "bogus=1" for "--ulimit" flag: invalid ulimit type: bogus
<blank>
Usage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]
<blank>
Run 'docker run --help' for more information
[exit 125]
$ docker run --ulimit nofile=20:10 busybox true
invalid argument "nofile=20:10" for "--ulimit" flag: ulimit soft limit must be less than or equal to hard limit: 20 > 10
<blank>
Usage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]
<blank>
Run 'docker run --help' for more information
[exit 125]
$ docker run --cap-add FOO busybox true
docker: Error response from daemon: invalid CapAdd: unknown capability: "CAP_FOO"
<blank>
Run 'docker run --help' for more information
[exit 125]
$ docker create --cap-drop bar busybox true
Error response from daemon: invalid CapDrop: unknown capability: "CAP_BAR"
[exit 1]
$ docker run --security-opt foo busybox true
docker: Invalid --security-opt: "foo"
<blank>
Run 'docker run --help' for more information
[exit 125]
$ docker run --log-driver bogus busybox true
docker: Error response from daemon: error looking up logging plugin bogus: plugin "bogus" not found
<blank>
Run 'docker run --help' for more information
[exit 125]
$ docker run --log-driver none --log-opt max-size=1m busybox true
docker: invalid logging opts for driver none
<blank>
Run 'docker run --help' for more information
[exit 125]
$ docker run --log-driver json-file --log-opt bogus=1 busybox true
docker: Error response from daemon: unknown log opt 'bogus' for json-file log driver
<blank>
Run 'docker run --help' for more information
[exit 125]
$ docker create --name lo --log-driver json-file --log-opt max-size=abc busybox true
<id1>
$ docker start lo
Error response from daemon: failed to create task for container: failed to initialize logging driver: invalid size: 'abc'
Error: failed to start containers: lo
[exit 1]
$ docker inspect --format '{{.State.Status}} {{.State.ExitCode}} {{.State.Error}}' lo
created 128 failed to create task for container: failed to initialize logging driver: invalid size: 'abc'
$ docker run --platform bogus busybox true
docker: error parsing specified platform: "bogus": unknown operating system or architecture: invalid argument
<blank>
Run 'docker run --help' for more information
[exit 125]
$ docker create --platform linux/bogus/x/y busybox true
error parsing specified platform: "linux/bogus/x/y": cannot parse platform specifier: invalid argument
[exit 1]
$ docker create --platform linux/arm64 --pull never busybox true
Error response from daemon: image with reference busybox was found but does not match the specified platform: wanted linux/arm64, actual: linux/amd64
[exit 1]
$ docker run --platform linux/arm/v7 --pull never busybox true
docker: Error response from daemon: image with reference busybox was found but does not match the specified platform: wanted linux/arm/v7, actual: linux/amd64
<blank>
Run 'docker run --help' for more information
[exit 125]
$ docker create --name pl --platform linux/x86_64 busybox true
<id2>
$ docker run --network host --network-alias x busybox true
docker: network-scoped aliases are only supported for user-defined networks
<blank>
Run 'docker run --help' for more information
[exit 125]
$ docker run --rm --network none -h box busybox hostname
box
$ docker ps -a --format '{{.Names}}'
pl
lo
$ docker rm lo pl
lo
pl
`);
    expectRecorded('docker-20.10', `
$ docker run --rm --restart always busybox true
docker: Conflicting options: --restart and --rm.
See 'docker run --help'.
[exit 125]
$ docker run --rm --restart bogus busybox true
docker: Conflicting options: --restart and --rm.
See 'docker run --help'.
[exit 125]
$ docker run --restart on-failure:x busybox true
docker: maximum retry count must be an integer.
See 'docker run --help'.
[exit 125]
$ docker run --restart always:3 busybox true
docker: Error response from daemon: maximum retry count cannot be used with restart policy 'always'.
See 'docker run --help'.
[exit 125]
$ docker run --restart no:1 busybox true
docker: Error response from daemon: maximum retry count cannot be used with restart policy 'no'.
See 'docker run --help'.
[exit 125]
$ docker run --restart on-failure:-2 busybox true
docker: Error response from daemon: maximum retry count cannot be negative.
See 'docker run --help'.
[exit 125]
$ docker run --restart unless-stopped:2 busybox true
docker: Error response from daemon: maximum retry count cannot be used with restart policy 'unless-stopped'.
See 'docker run --help'.
[exit 125]
$ docker create --restart bogus busybox true
Error response from daemon: invalid restart policy 'bogus'
[exit 1]
$ docker run -m 1m busybox true
docker: Error response from daemon: Minimum memory limit allowed is 6MB.
See 'docker run --help'.
[exit 125]
$ docker run -m abc busybox true
invalid argument "abc" for "-m, --memory" flag: invalid size: 'abc'
See 'docker run --help'.
[exit 125]
$ docker run -m 0 --memory-swap 10m busybox true
docker: Error response from daemon: You should always set the Memory limit when using Memoryswap limit, see usage.
See 'docker run --help'.
[exit 125]
$ docker run -m 10m --memory-swap 5m busybox true
docker: Error response from daemon: Minimum memoryswap limit should be larger than memory limit, see usage.
See 'docker run --help'.
[exit 125]
$ docker run --memory-swap abc busybox true
invalid argument "abc" for "--memory-swap" flag: invalid size: 'abc'
See 'docker run --help'.
[exit 125]
$ docker run --cpus abc busybox true
invalid argument "abc" for "--cpus" flag: failed to parse abc as a rational number
See 'docker run --help'.
[exit 125]
$ docker run --cpus 0.0000000001 busybox true
invalid argument "0.0000000001" for "--cpus" flag: value is too precise
See 'docker run --help'.
[exit 125]
$ docker run --cpu-shares x busybox true
invalid argument "x" for "-c, --cpu-shares" flag: strconv.ParseInt: parsing "x": invalid syntax
See 'docker run --help'.
[exit 125]
$ docker run -p 99999:80 busybox true
docker: Invalid hostPort: 99999.
See 'docker run --help'.
[exit 125]
$ docker run -p abc busybox true
docker: Invalid containerPort: abc.
See 'docker run --help'.
[exit 125]
$ docker run -p 80/sctp2 busybox true
docker: Invalid proto: sctp2.
See 'docker run --help'.
[exit 125]
$ docker run -p 1.2.3:80:80 busybox true
docker: Invalid ip address: 1.2.3.
See 'docker run --help'.
[exit 125]
$ docker run -p 8000-8001:80-82 busybox true
docker: Invalid ranges specified for container and host Ports: 80-82 and 8000-8001.
See 'docker run --help'.
[exit 125]
$ docker run -p 80: busybox true
docker: No port specified: 80:<empty>.
See 'docker run --help'.
[exit 125]
$ docker run -p published=8080 busybox true
docker: No port specified: 8080:/tcp<empty>.
See 'docker run --help'.
[exit 125]
$ docker run --expose 80:90 busybox true
docker: invalid port format for --expose: 80:90.
See 'docker run --help'.
[exit 125]
$ docker run --expose abc busybox true
docker: invalid range format for --expose: abc, error: strconv.ParseUint: parsing "abc": invalid syntax.
See 'docker run --help'.
[exit 125]
$ docker run --add-host db busybox true
invalid argument "db" for "--add-host" flag: bad format for add-host: "db"
See 'docker run --help'.
[exit 125]
$ docker run --add-host db:notanip busybox true
invalid argument "db:notanip" for "--add-host" flag: invalid IP address in add-host: "notanip"
See 'docker run --help'.
[exit 125]
$ docker run --dns 8.8.8.x busybox true
invalid argument "8.8.8.x" for "--dns" flag: 8.8.8.x is not an ip address
See 'docker run --help'.
[exit 125]
$ docker run --dns-search -bad- busybox true
invalid argument "-bad-" for "--dns-search" flag: -bad- is not a valid domain
See 'docker run --help'.
[exit 125]
$ docker run --stop-signal FOO busybox true
docker: Error response from daemon: Invalid signal: FOO.
See 'docker run --help'.
[exit 125]
$ docker run --stop-timeout x busybox true
invalid argument "x" for "--stop-timeout" flag: strconv.ParseInt: parsing "x": invalid syntax
See 'docker run --help'.
[exit 125]
$ docker run --pid bogus busybox true
docker: --pid: invalid PID mode.
See 'docker run --help'.
[exit 125]
$ docker run --pid container:ghost busybox true
docker: Error response from daemon: No such container: ghost.
See 'docker run --help'.
[exit 125]
$ docker run --ulimit nofile busybox true
invalid argument "nofile" for "--ulimit" flag: invalid ulimit argument: nofile
See 'docker run --help'.
[exit 125]
$ docker run --ulimit bogus=1 busybox true
invalid argument "bogus=1" for "--ulimit" flag: invalid ulimit type: bogus
See 'docker run --help'.
[exit 125]
$ docker run --ulimit nofile=20:10 busybox true
invalid argument "nofile=20:10" for "--ulimit" flag: ulimit soft limit must be less than or equal to hard limit: 20 > 10
See 'docker run --help'.
[exit 125]
$ docker run --cap-add FOO busybox true
docker: Error response from daemon: invalid CapAdd: unknown capability: "CAP_FOO".
See 'docker run --help'.
[exit 125]
$ docker create --cap-drop bar busybox true
Error response from daemon: invalid CapDrop: unknown capability: "CAP_BAR"
[exit 1]
$ docker run --security-opt foo busybox true
docker: Invalid --security-opt: "foo".
See 'docker run --help'.
[exit 125]
$ docker run --log-driver bogus busybox true
docker: Error response from daemon: error looking up logging plugin bogus: plugin "bogus" not found.
See 'docker run --help'.
[exit 125]
$ docker run --log-driver none --log-opt max-size=1m busybox true
docker: invalid logging opts for driver none.
See 'docker run --help'.
[exit 125]
$ docker run --log-driver json-file --log-opt bogus=1 busybox true
docker: Error response from daemon: unknown log opt 'bogus' for json-file log driver.
See 'docker run --help'.
[exit 125]
$ docker create --name lo --log-driver json-file --log-opt max-size=abc busybox true
<id1>
$ docker start lo
Error response from daemon: failed to initialize logging driver: invalid size: 'abc'
Error: failed to start containers: lo
[exit 1]
$ docker inspect --format '{{.State.Status}} {{.State.ExitCode}} {{.State.Error}}' lo
created 128 failed to initialize logging driver: invalid size: 'abc'
$ docker run --platform bogus busybox true
docker: error parsing specified platform: "bogus": unknown operating system or architecture: invalid argument.
See 'docker run --help'.
[exit 125]
$ docker create --platform linux/bogus/x/y busybox true
error parsing specified platform: "linux/bogus/x/y": cannot parse platform specifier: invalid argument
[exit 1]
$ docker create --platform linux/arm64 --pull never busybox true
Error response from daemon: image with reference busybox was found but does not match the specified platform: wanted linux/arm64, actual: linux/amd64
[exit 1]
$ docker run --platform linux/arm/v7 --pull never busybox true
docker: Error response from daemon: image with reference busybox was found but does not match the specified platform: wanted linux/arm/v7, actual: linux/amd64.
See 'docker run --help'.
[exit 125]
$ docker create --name pl --platform linux/x86_64 busybox true
<id2>
$ docker run --network host --network-alias x busybox true
docker: network-scoped aliases are only supported for user-defined networks.
See 'docker run --help'.
[exit 125]
$ docker run --rm --network none -h box busybox hostname
box
$ docker ps -a --format '{{.Names}}'
pl
lo
$ docker rm lo pl
lo
pl
`);
  });
  it('a restart policy is kept across stop and start (core/restart-policy)', () => {
    expectRecorded('docker-26.1', `
$ docker run -d --name ra --restart always busybox sleep 1000
<id1>
$ docker stop ra
ra
$ docker inspect --format '{{.State.Status}} {{json .HostConfig.RestartPolicy}} {{.RestartCount}}' ra
exited {"Name":"always","MaximumRetryCount":0} 0
$ docker start ra
ra
$ docker inspect --format '{{.State.Status}} {{json .HostConfig.RestartPolicy}} {{.RestartCount}}' ra
running {"Name":"always","MaximumRetryCount":0} 0
$ docker restart ra
ra
$ docker inspect --format '{{.State.Status}} {{json .HostConfig.RestartPolicy}} {{.RestartCount}}' ra
running {"Name":"always","MaximumRetryCount":0} 0
$ docker ps --format '{{.Names}} {{.State}}'
ra running
$ docker rm -f ra
ra
`);
  });
  it('-t without a terminal (core/tty-without-terminal)', () => {
    expectRecorded('docker-26.1', `
$ docker run --rm -it busybox echo hi
the input device is not a TTY
[exit 1]
$ docker run -it --rm nosuchimage true
the input device is not a TTY
[exit 1]
$ docker ps -a --format '{{.Names}}'
$ docker run --rm -i busybox echo hi
hi
$ docker run -t --name tt busybox sh -c 'echo out; echo err >&2; printf "a\\r\\nb"'
out\r
err\r
a\r\r
b
$ docker logs tt
out\r
err\r
a\r\r
b
$ docker inspect --format '{{.Config.Tty}} {{.Config.OpenStdin}} {{.Config.AttachStdin}} {{.Config.StdinOnce}}' tt
true false false false
$ docker run -d -t --name td busybox sleep 1000
<id1>
$ docker exec -t td sh -c 'echo x; echo y >&2'
x\r
y\r
$ docker exec td sh -c 'exec 2>&1; echo x; echo y >&2'
x
y
$ docker exec -it td true
the input device is not a TTY
[exit 1]
$ docker exec -it ghost true
Error response from daemon: No such container: ghost
[exit 1]
$ docker stop td
td
$ docker exec -it td true
the input device is not a TTY
[exit 1]
$ docker run -dit --name tdi busybox sleep 1000
<id2>
$ docker inspect --format '{{.Config.Tty}} {{.Config.OpenStdin}} {{.Config.AttachStdin}} {{.Config.AttachStdout}} {{.Config.StdinOnce}}' tdi
true true false false false
$ docker create -it --name cti busybox
<id3>
$ docker inspect --format '{{.Config.Tty}} {{.Config.OpenStdin}} {{.Config.AttachStdin}} {{.Config.AttachStdout}} {{.Config.StdinOnce}}' cti
true true true true true
$ docker rm -f tt td tdi cti
tt
td
tdi
cti
`);
  });
  it('config fields an image leaves unset; the hostname (core/unset-config-and-lookup, core/inspect-config)', () => {
    expectRecorded('docker-26.1', `
$ docker image inspect -f "{{json .Config.ExposedPorts}}" busybox
null
$ docker image inspect -f "{{.Config.ExposedPorts}} {{.Config.StopSignal}} {{.Config.ArgsEscaped}}" busybox
map[] SIGKILL false
$ docker inspect -f "{{json .Config.ExposedPorts}}" busybox
null
$ docker build -q -t nostop - <<'EOF2'
> FROM busybox
> STOPSIGNAL SIGTERM
> EOF2
<img1>
$ docker image inspect -f "{{.Config.StopSignal}}|{{json .Config.ExposedPorts}}" nostop
SIGTERM|null
$ docker run -d --name s1 busybox sleep 1000
<id1>
$ docker inspect -f "{{json .Config.ExposedPorts}} {{.Config.ExposedPorts}}" s1
null map[]
$ docker run --rm --network none -h myhost busybox sh -c "hostname; hostname -i"
myhost
hostname: myhost: Host name lookup failure
[exit 1]
`);
    expectRecorded('docker-26.1', `
$ docker create --name ic -w /tmp -u nobody -e EMPTY= --entrypoint sh busybox -c 'echo hi'
<id1>
$ docker inspect --format '{{json .Config.Cmd}}|{{json .Config.Entrypoint}}|{{json .Config.Env}}|{{.Config.WorkingDir}}|{{.Config.User}}|{{.Name}}|{{.Path}}|{{json .Args}}|{{.Config.Image}}' ic
["-c","echo hi"]|["sh"]|["EMPTY="]|/tmp|nobody|/ic|sh|["-c","echo hi"]|busybox
$ docker inspect --format '{{.Config.Hostname}}' ic | wc -c
13
$ docker inspect --format '{{.State.Status}}' ic ic
created
created
$ docker inspect --format '{{.Name}}' ghost ic
/ic
Error: No such object: ghost
[exit 1]
$ docker inspect ghost
[]
Error: No such object: ghost
[exit 1]
$ docker container inspect --format '{{.Id}}' busybox
<blank>
Error response from daemon: No such container: busybox
[exit 1]
$ docker inspect --type image --format '{{.Id}}' busybox
<img1>
$ docker start -a ic
hi
$ docker logs ic
hi
`);
  });
});

// Replayed whole (session 11: with the settings suite, settings.ts's survivors were the network
// modes' conflicts and the host mode's warning, the label=disable a host PID namespace adds, the
// extra hosts, the aliases and the dropped capabilities, which these recordings show)
describe('settings, recorded whole on both engines', () => {
  it.each(['docker-20.10', 'docker-26.1'] as const)('the network modes: container: conflicts and ID, host, none (network/network-modes, %s)', (engine) => {
    expectRecordingFile(engine, 'network/network-modes');
  });
  it.each(['docker-20.10', 'docker-26.1'] as const)('the settings as inspect shows them (core/run-settings-inspect, %s)', (engine) => {
    expectRecordingFile(engine, 'core/run-settings-inspect');
  });
  // docker update's restart policy (container/update.ts, moby daemon/update.go): checked first,
  // then the container looked up, refused for a --rm container, stored otherwise
  it.each(['docker-20.10', 'docker-26.1'] as const)('docker update --restart (lifecycle/update-restart, %s)', (engine) => {
    expectRecordingFile(engine, 'lifecycle/update-restart');
  });
  // the daemon's restart-policy check for every name with a count, and the capabilities' CAP_
  // prefix (oci/caps NormalizeLegacyCapabilities; 20.10 stores them as typed)
  it.each(['docker-20.10', 'docker-26.1'] as const)('a retry count with each policy; CAP_ given (core/restart-count-and-caps, %s)', (engine) => {
    expectRecordingFile(engine, 'core/restart-count-and-caps');
  });
  // compose's create sends only what the service sets (compose/project/create.ts): the rest is
  // defaultSettings' and the daemon's, as a bare service shows them (26.1 only: compose)
  it('a compose service that sets nothing (compose/create-defaults, docker-26.1)', () => {
    expectRecordingFile('docker-26.1', 'compose/create-defaults');
  });
  // the create checks at their edges (6 MiB, a swap of 0 or equal to the memory, negative CPUs, an
  // empty stop signal) and the shared namespaces' conflicts and IDs
  it.each(['docker-20.10', 'docker-26.1'] as const)('the create checks at their edges (core/settings-edges, %s)', (engine) => {
    expectRecordingFile(engine, 'core/settings-edges');
  });
  // the health flags the daemon checks (container/health.ts healthProblem), and the port
  // specifications it checks itself, which only compose's long syntax sends unchecked
  it.each(['docker-20.10', 'docker-26.1'] as const)('the health flags (lifecycle/health-flags, %s)', (engine) => {
    expectRecordingFile(engine, 'lifecycle/health-flags');
  });
  it('ports the CLI never sends (compose/ports-long-errors, docker-26.1)', () => {
    expectRecordingFile('docker-26.1', 'compose/ports-long-errors');
  });
  it('a long-syntax port of 65535 taken, 65536 refused (compose/port-bounds, docker-26.1)', () => {
    expectRecordingFile('docker-26.1', 'compose/port-bounds');
  });
  // what create stores when a flag is absent or given: ExtraHosts and GroupAdd null without a
  // value, the label=disable a host PID namespace adds unless a label option is given
  it.each(['docker-20.10', 'docker-26.1'] as const)('stored when absent or given (core/settings-stored, %s)', (engine) => {
    expectRecordingFile(engine, 'core/settings-stored');
  });
});
