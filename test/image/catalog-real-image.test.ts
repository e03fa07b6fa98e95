// catalog.json's `registry.image` (the real image a normal install shows: catalog/README.md)
// against docker-library/repo-info itself. Each excerpt below is copied from repo-info at the
// commit the catalog pins (the remote file's linux/amd64 section: its Image ID line and its
// history's last date line) or the local file named: the expected values are parsed from them
// here, never taken from strata.

import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CatalogError, CATALOG_DIR, checkRealImage } from '../../scripts/catalog.ts';
import { catalogEntry } from '../../src/image/catalog/index.ts';

interface Excerpt {
  ref: string;
  remote: { commit: string; path: string; imageId: string; lastDate: string };
  local?: { commit: string; path: string; text: string };
}

const EXCERPTS: Excerpt[] = [
  {
    ref: 'postgres:16',
    remote: {
      commit: '0b63eeca29bdd695a0db3d3249137b9929da650d',
      path: 'repos/postgres/remote/16.md',
      imageId: '-\tImage ID: `sha256:1b3c642526f8d274b12bdcd93b90aeb7e68a1f59eb20613adb96ed561c01d98c`',
      lastDate: '# Sat, 19 Sep 2026 00:36:54 GMT\nCMD ["postgres"]',
    },
    local: {
      commit: 'f0183a319be31eb19e713b1b77f23db5aba138fb',
      path: 'repos/postgres/local/16.15.md',
      text: '- Image ID: `sha256:1b3c642526f8d274b12bdcd93b90aeb7e68a1f59eb20613adb96ed561c01d98c`\n- Created: `2026-09-19T00:36:54.335664785Z`\n- Virtual Size: ~ 451.31 Mb  ',
    },
  },
  {
    ref: 'nginx:latest',
    remote: {
      commit: '07d85259206eb942e61621c998f30ba8bd48adb7',
      path: 'repos/nginx/remote/latest.md',
      imageId: '-\tImage ID: `sha256:4e5db4761e0ff445f7fd29aad680ad28e8abf7d204895557f145d65535abcc1c`',
      lastDate: '# Wed, 15 Jul 2026 23:30:55 GMT\nCMD ["nginx" "-g" "daemon off;"]',
    },
    local: {
      commit: '549aa8d3d9e4150daa8029ad7dbd4faf4a2f088f',
      path: 'repos/nginx/local/latest.md',
      text: '- Image ID: `sha256:4e5db4761e0ff445f7fd29aad680ad28e8abf7d204895557f145d65535abcc1c`\n- Created: `2026-07-15T23:30:55.953154252Z`\n- Virtual Size: ~ 161.33 Mb  ',
    },
  },
  {
    ref: 'nginx:alpine',
    remote: {
      commit: '073c780cc133d5ae32b07228be073797e67908f3',
      path: 'repos/nginx/remote/alpine.md',
      imageId: '-\tImage ID: `sha256:3dd08163706a20b20622f310ec10258cc96e9007ab357f7201955bc880ac17f4`',
      lastDate: '# Tue, 22 Sep 2026 22:10:17 GMT\nRUN set -x     && apkArch="$(cat /etc/apk/arch)"',
    },
    // repos/nginx/local/alpine.md (72e4be79b9c8) is nginx 1.23.3 of 2023, Image ID c433c51bbd66...; the
    // build's own is under the tag 1.31-alpine3.24
    local: {
      commit: '960800e6d41ab481165edcacbba83fc9384fb3d4',
      path: 'repos/nginx/local/1.31-alpine3.24.md',
      text: '- Image ID: `sha256:3dd08163706a20b20622f310ec10258cc96e9007ab357f7201955bc880ac17f4`\n- Created: `2026-09-22T22:10:17.223416567Z`\n- Virtual Size: ~ 62.94 Mb  ',
    },
  },
  {
    ref: 'hello-world:latest',
    remote: {
      commit: '11dd8d4cffac4fc551076577688bcb063832beef',
      path: 'repos/hello-world/remote/latest.md',
      imageId: '-\tImage ID: `sha256:e2ac70e7319a02c5a477f5825259bd118b94e8b02c279c67afa63adab6d8685b`',
      lastDate: '# Mon, 23 Mar 2026 21:33:59 GMT\nCMD ["/hello"]',
    },
  },
  {
    ref: 'mysql:8.0',
    remote: {
      commit: '72e4be79b9c831d8da7d63a6ce871b20fc9e06c1',
      path: 'repos/mysql/remote/8.0.md',
      imageId: '-\tImage ID: `sha256:b939d379d46e321d25bfdf1d695e0a3178225c14ad27b7d9da27f26774965610`',
      lastDate: '# Wed, 18 Jan 2023 04:24:58 GMT\nCMD ["mysqld"]',
    },
    local: {
      commit: '72e4be79b9c831d8da7d63a6ce871b20fc9e06c1',
      path: 'repos/mysql/local/8.md',
      text: '- Image ID: `sha256:b939d379d46e321d25bfdf1d695e0a3178225c14ad27b7d9da27f26774965610`\n- Created: `2023-01-18T04:24:58.829380204Z`\n- Virtual Size: ~ 514.18 Mb  ',
    },
  },
  {
    ref: 'alpine:3.24',
    remote: {
      commit: '1746b58749182f00f5d2c26a53fff697cfce2c81',
      path: 'repos/alpine/remote/3.24.md',
      imageId: '-\tImage ID: `sha256:320994c3b997e2ec6433f717f153e108023c5bec8fefa8d76b83451d16d05ea8`',
      lastDate: '# Thu, 17 Sep 2026 20:37:20 GMT\nCMD ["/bin/sh"]',
    },
    local: {
      commit: '7859ce442d87572265f77dfce85c80f8d40ff85b',
      path: 'repos/alpine/local/3.24.2.md',
      text: '- Image ID: `sha256:320994c3b997e2ec6433f717f153e108023c5bec8fefa8d76b83451d16d05ea8`\n- Created: `2026-09-17T20:37:20.889221879Z`\n- Virtual Size: ~ 8.42 Mb  ',
    },
  },
  {
    ref: 'debian:bookworm',
    remote: {
      commit: '05f354f0a08a211fdfed2f21845d1fccd389921d',
      path: 'repos/debian/remote/bookworm.md',
      imageId: '-\tImage ID: `sha256:a97c45fa72171d55c288623cfb1b66e14c9ef5bb3c7c179bc7dd75ad6f1cb73c`',
      lastDate: "# Mon, 03 Aug 2026 00:00:00 GMT\nRUN # debian.sh --arch 'amd64' out/ 'bookworm' '@1785715200'",
    },
  },
  {
    ref: 'debian:trixie',
    remote: {
      commit: '05f354f0a08a211fdfed2f21845d1fccd389921d',
      path: 'repos/debian/remote/trixie.md',
      imageId: '-\tImage ID: `sha256:826a5616954ee645ca5c165d4c8c960d4d8d444347838cf7bdc1ac555385358b`',
      lastDate: "# Mon, 03 Aug 2026 00:00:00 GMT\nRUN # debian.sh --arch 'amd64' out/ 'trixie' '@1785715200'",
    },
  },
  {
    ref: 'httpd:latest',
    remote: {
      commit: '157d40004033426c6d74f484d4e78da6a055256f',
      path: 'repos/httpd/remote/latest.md',
      imageId: '-\tImage ID: `sha256:92605b8e63296cc3f7f0a421d627b570a4278458b24b956de7de3bb282e24349`',
      lastDate: '# Sat, 19 Sep 2026 00:20:50 GMT\nCMD ["httpd-foreground"]',
    },
  },
  {
    ref: 'httpd:alpine',
    remote: {
      commit: '48ea2422faedd97c942642c760e1ea92a69d7673',
      path: 'repos/httpd/remote/alpine.md',
      imageId: '-\tImage ID: `sha256:9436aee6e00c6e8ece7fd6f8bdf82b3fc001425d71f911b9e96bf9fe620e5381`',
      lastDate: '# Tue, 16 Jun 2026 00:16:19 GMT\nCMD ["httpd-foreground"]',
    },
  },
  {
    ref: 'mariadb:12.3',
    remote: {
      commit: '026819ee054b7ad6627b92f78ed40cebfc4e7f63',
      path: 'repos/mariadb/remote/latest.md',
      imageId: '-\tImage ID: `sha256:57c69e064d6c79e7cbe8c77a3342327d13455947616e7e7908bda2fbad348e34`',
      lastDate: '# Tue, 18 Aug 2026 19:24:20 GMT\nCMD ["mariadbd"]',
    },
  },
  {
    ref: 'mongo:7',
    remote: {
      commit: '093fce754fc8410372fafb3cd6678ba29661b60f',
      path: 'repos/mongo/remote/7.md',
      imageId: '-\tImage ID: `sha256:d131656284c8197fb6566000f081d48280b49f51a4a85734fd716c84e873fc36`',
      lastDate: '# Tue, 08 Sep 2026 21:48:26 GMT\nCMD ["mongod"]',
    },
  },
  {
    ref: 'mongo:8',
    remote: {
      commit: '093fce754fc8410372fafb3cd6678ba29661b60f',
      path: 'repos/mongo/remote/8.md',
      imageId: '-\tImage ID: `sha256:6a3f808ed44f57ce929d27b1944280f79dd9a837e305b58de0771eea33120c91`',
      lastDate: "# Tue, 08 Sep 2026 21:48:26 GMT\nCMD [\"mongod\"]",
    },
  },
  {
    ref: 'redis:7',
    remote: {
      commit: '0ae7309187d6256f5549f0408473cfa4a23383ea',
      path: 'repos/redis/remote/7.md',
      imageId: '-\tImage ID: `sha256:64035c2c9726d90bea2a217d43da49d7a3f13dde8647c1f409059e02e0e61287`',
      lastDate: "# Sat, 19 Sep 2026 00:38:19 GMT\nCMD [\"redis-server\"]",
    },
  },
  {
    ref: 'ubuntu:24.04',
    remote: {
      commit: '1c2b9d920fdd20f9cb58fbd6cd771fe434b465d6',
      path: 'repos/ubuntu/remote/24.04.md',
      imageId: '-\tImage ID: `sha256:6232b38791000e3818b58d8847b5a8f5612d606929e01156dd8febc423e0f2ef`',
      lastDate: "# Fri, 11 Sep 2026 11:44:06 GMT\nCMD [\"/bin/bash\"]",
    },
  },
  {
    ref: 'ubuntu:22.04',
    remote: {
      commit: '01470af91233e78aee4c06b90ded37a40ddcfaa3',
      path: 'repos/ubuntu/remote/22.04.md',
      imageId: '-\tImage ID: `sha256:92947e844d1b996f5e199c8a36460610142e46a427f2767e0bfb0f0f85e35946`',
      lastDate: "# Fri, 31 Jul 2026 21:53:12 GMT\nCMD [\"/bin/bash\"]",
    },
  },
  {
    ref: 'ubuntu:latest',
    remote: {
      commit: '01470af91233e78aee4c06b90ded37a40ddcfaa3',
      path: 'repos/ubuntu/remote/latest.md',
      imageId: '-\tImage ID: `sha256:86a1a31fdd84f2dc79bd6d92272100d4369b085790753bc521069eab663074e9`',
      lastDate: "# Fri, 24 Jul 2026 12:48:28 GMT\nRUN umoci raw add-layer --image /home/buildd/rockcraft-ubuntu-cb40fbba9124333e0158d7876ea798fa/images/ubuntu:26.04 /home/buildd/rockcraft-ubuntu-cb40fbba9124333e0158d7876ea798fa/images/.temp_layer.control_data.9094.tar",
    },
  },
  {
    ref: 'redis:8',
    remote: {
      commit: '0bdd94409df031423d112c6f22cab289fa8fc401',
      path: 'repos/redis/remote/8.md',
      imageId: '-\tImage ID: `sha256:a73640c005662e082bdc32a10214f2b07262465965c98456d24bd2569593ccaa`',
      lastDate: "# Mon, 21 Sep 2026 17:33:48 GMT\nCMD [\"redis-server\"]",
    },
    local: {
      commit: '198de4aa2d692efc570b22c2f4bb1da8af9918c2',
      path: 'repos/redis/local/8.10.2.md',
      text: '- Image ID: `sha256:a73640c005662e082bdc32a10214f2b07262465965c98456d24bd2569593ccaa`\n- Created: `2026-09-21T17:33:48.444121209Z`\n- Virtual Size: ~ 145.95 Mb  ',
    },
  },
  {
    ref: 'redis:8-alpine',
    remote: {
      commit: '0bdd94409df031423d112c6f22cab289fa8fc401',
      path: 'repos/redis/remote/8-alpine.md',
      imageId: '-\tImage ID: `sha256:15f5a4aad4c3ba34b9874ddbc7f755b469dbd7b8a9e88c12690c52ef6c72465c`',
      lastDate: "# Mon, 21 Sep 2026 17:37:00 GMT\nCMD [\"redis-server\"]",
    },
  },
  {
    ref: 'postgres:17',
    remote: {
      commit: '0b63eeca29bdd695a0db3d3249137b9929da650d',
      path: 'repos/postgres/remote/17.md',
      imageId: '-\tImage ID: `sha256:212aeeeb8faaef6c46498d86cbec6b9344d8d9492996b174664ff82c562ab685`',
      lastDate: "# Sat, 19 Sep 2026 00:36:29 GMT\nCMD [\"postgres\"]",
    },
  },
  {
    ref: 'postgres:18',
    remote: {
      commit: '0b63eeca29bdd695a0db3d3249137b9929da650d',
      path: 'repos/postgres/remote/18.md',
      imageId: '-\tImage ID: `sha256:662db3da228c2ea2649b3ae04db4b4479e85fea5979f6a917a7f6d5cb1e7ec39`',
      lastDate: "# Sat, 19 Sep 2026 00:36:15 GMT\nCMD [\"postgres\"]",
    },
  },
  {
    ref: 'mysql:8.4',
    remote: {
      commit: '0f0c69aaf7d364b2fd5a00f9141c6b51de83f2cb',
      path: 'repos/mysql/remote/8.4.md',
      imageId: '-\tImage ID: `sha256:7c07d11b694dcc7e2ef3de845075eca1a8b39868f85f519f938b54c432edc1cb`',
      lastDate: "# Sat, 12 Sep 2026 00:10:55 GMT\nCMD [\"mysqld\"]",
    },
  },
  {
    ref: 'mysql:26.7',
    remote: {
      commit: '0f0c69aaf7d364b2fd5a00f9141c6b51de83f2cb',
      path: 'repos/mysql/remote/latest.md',
      imageId: '-\tImage ID: `sha256:21ed0f5cc49429e295ee53a1c19e9726067987d14b4b29d6cd35599ad066c4eb`',
      lastDate: "# Sat, 12 Sep 2026 00:10:58 GMT\nCMD [\"mysqld\"]",
    },
    local: {
      commit: '817614044a2a9c4c146e33ae7349c63b658acef7',
      path: 'repos/mysql/local/latest.md',
      text: '- Image ID: `sha256:21ed0f5cc49429e295ee53a1c19e9726067987d14b4b29d6cd35599ad066c4eb`\n- Created: `2026-09-12T00:10:58.054657252Z`\n- Virtual Size: ~ 945.14 Mb  ',
    },
  },
  {
    ref: 'postgres:16-alpine',
    remote: {
      commit: '14ad5cc17dd0e9a01079feefc7a59c24536f5291',
      path: 'repos/postgres/remote/16-alpine.md',
      imageId: '-\tImage ID: `sha256:81bd698b4594e751a3269e4dcd3e03a4a0ec0daf7b72e7aa1abd43cce9887542`',
      lastDate: "# Thu, 17 Sep 2026 21:31:24 GMT\nCMD [\"postgres\"]",
    },
    local: {
      commit: 'f0183a319be31eb19e713b1b77f23db5aba138fb',
      path: 'repos/postgres/local/16-alpine.md',
      text: '- Image ID: `sha256:81bd698b4594e751a3269e4dcd3e03a4a0ec0daf7b72e7aa1abd43cce9887542`\n- Created: `2026-09-17T21:31:24.32976807Z`\n- Virtual Size: ~ 294.3 Mb  ',
    },
  },
  {
    ref: 'postgres:13',
    remote: {
      commit: '72e4be79b9c831d8da7d63a6ce871b20fc9e06c1',
      path: 'repos/postgres/remote/13.md',
      imageId: '-\tImage ID: `sha256:beb2ef252f253f4b57c71c5e2c4f2a6885eadef27487c2cf50716da01bd068e9`',
      lastDate: "# Wed, 11 Jan 2023 08:55:00 GMT\nCMD [\"postgres\"]",
    },
    local: {
      commit: '72e4be79b9c831d8da7d63a6ce871b20fc9e06c1',
      path: 'repos/postgres/local/13.9.md',
      text: '- Image ID: `sha256:beb2ef252f253f4b57c71c5e2c4f2a6885eadef27487c2cf50716da01bd068e9`\n- Created: `2023-01-11T08:55:00.718255092Z`\n- Virtual Size: ~ 373.36 Mb  ',
    },
  },
  {
    ref: 'postgres:18-alpine',
    remote: {
      commit: '1d00575a2d186cbeec84910b4adfd7f85cb6e8df',
      path: 'repos/postgres/remote/18-alpine.md',
      imageId: '-\tImage ID: `sha256:bd1890816ae0b8ad4644f05728570d4be774e1f1490d7232f5084b52ea335183`',
      lastDate: "# Tue, 07 Jul 2026 17:46:12 GMT\nCMD [\"postgres\"]",
    },
    local: {
      commit: '277a4b04ab42eec48d6e05a9de5dedeaf1d44b3a',
      path: 'repos/postgres/local/18-alpine.md',
      text: '- Image ID: `sha256:bd1890816ae0b8ad4644f05728570d4be774e1f1490d7232f5084b52ea335183`\n- Created: `2026-07-07T17:46:12.778761801Z`\n- Virtual Size: ~ 303.59 Mb  ',
    },
  },
  {
    ref: 'wordpress:latest',
    remote: {
      commit: '04be8516f286fdedb63a8eeaf6f656cae51945d0',
      path: 'repos/wordpress/remote/latest.md',
      imageId: '-\tImage ID: `sha256:e3540baa2411c82f563c5fc89899790c4e539bd6a5428a0a2e9d59c742382451`',
      lastDate: "# Tue, 25 Aug 2026 01:37:34 GMT\nCMD [\"apache2-foreground\"]",
    },
  },
  {
    ref: 'postgres:17-alpine',
    remote: {
      commit: '14ad5cc17dd0e9a01079feefc7a59c24536f5291',
      path: 'repos/postgres/remote/17-alpine.md',
      imageId: '-\tImage ID: `sha256:79bd7c99e923138f136f8009d6bffa66e21e9d4fda5c0c561b00fc9c90cfe537`',
      lastDate: "# Thu, 17 Sep 2026 21:31:32 GMT\nCMD [\"postgres\"]",
    },
    local: {
      commit: 'f0183a319be31eb19e713b1b77f23db5aba138fb',
      path: 'repos/postgres/local/17.11-alpine.md',
      text: '- Image ID: `sha256:79bd7c99e923138f136f8009d6bffa66e21e9d4fda5c0c561b00fc9c90cfe537`\n- Created: `2026-09-17T21:31:32.987011508Z`\n- Virtual Size: ~ 297.18 Mb  ',
    },
  },
  {
    ref: 'postgres:13-alpine',
    remote: {
      commit: '72e4be79b9c831d8da7d63a6ce871b20fc9e06c1',
      path: 'repos/postgres/remote/13-alpine.md',
      imageId: '-\tImage ID: `sha256:8e750948d39a619e482830c68605731d189c2ef95ad88dab16ac69ef36db0bd3`',
      lastDate: "# Mon, 09 Jan 2023 19:29:45 GMT\nCMD [\"postgres\"]",
    },
    local: {
      commit: '72e4be79b9c831d8da7d63a6ce871b20fc9e06c1',
      path: 'repos/postgres/local/13.9-alpine.md',
      text: '- Image ID: `sha256:8e750948d39a619e482830c68605731d189c2ef95ad88dab16ac69ef36db0bd3`\n- Created: `2023-01-09T19:29:45.605101718Z`\n- Virtual Size: ~ 237.99 Mb  ',
    },
  },
  {
    ref: 'python:3.12-slim',
    remote: {
      commit: '2986dca3a80cb11b70fc4599941096374ea9e509',
      path: 'repos/python/remote/3.12-slim.md',
      imageId: '-\tImage ID: `sha256:54a0b2beae90fe14c2131f1e880e1388c9df77390bc260d7317e589765e064e8`',
      lastDate: "# Wed, 05 Aug 2026 01:12:35 GMT\nCMD [\"python3\"]",
    },
  },
  {
    ref: 'python:alpine',
    remote: {
      commit: '27b273677675a1ecbe5671d65986aa5dfe618a4f',
      path: 'repos/python/remote/alpine.md',
      imageId: '-\tImage ID: `sha256:0b6d8f547b34ade65016203af1704d8c97cc629e86922a836b3d90854f3d852c`',
      lastDate: "# Thu, 17 Sep 2026 21:50:24 GMT\nCMD [\"python3\"]",
    },
  },
  {
    ref: 'node:22',
    remote: {
      commit: '3179cb4d576b9929bf86873c87f279ac67661c6e',
      path: 'repos/node/remote/22.md',
      imageId: '-\tImage ID: `sha256:3112e746c4490eaeae5940bc123e8b57422fe7df0de6d5752d9c3e0ed5e5948b`',
      lastDate: "# Sat, 19 Sep 2026 03:18:35 GMT\nCMD [\"node\"]",
    },
  },
  {
    ref: 'node:latest',
    remote: {
      commit: '0833c0d04a2716e986bbade897206eb15c99b66b',
      path: 'repos/node/remote/latest.md',
      imageId: '-\tImage ID: `sha256:2f49a06759a843e2cadcadc1b61d5ffe525645904c1c59fb0e4c5e44eb4e74ad`',
      lastDate: "# Wed, 08 Jul 2026 16:56:14 GMT\nCMD [\"node\"]",
    },
  },
  {
    ref: 'node:alpine',
    remote: {
      commit: '0833c0d04a2716e986bbade897206eb15c99b66b',
      path: 'repos/node/remote/alpine.md',
      imageId: '-\tImage ID: `sha256:ff12146b21c85c593e21e3c4a59009612215fd3ce5b480a1a77a68b3cd58ba14`',
      lastDate: "# Wed, 08 Jul 2026 16:55:38 GMT\nCMD [\"node\"]",
    },
  },
  {
    ref: 'node:22-alpine',
    remote: {
      commit: '4211a1635d906d705a873434b7336b27c7678802',
      path: 'repos/node/remote/22-alpine.md',
      imageId: '-\tImage ID: `sha256:7c3b093add7c43400ee83b815ab2cda98794a10045bcf76ce9bb2f89b97cbc5c`',
      lastDate: "# Wed, 23 Sep 2026 21:09:27 GMT\nCMD [\"node\"]",
    },
  },
  {
    ref: 'python:3.12',
    remote: {
      commit: '0531c602d6fd80edd8094917938c56dff33f491b',
      path: 'repos/python/remote/3.12.md',
      imageId: '-\tImage ID: `sha256:37ee34ed0a73271658c2a4ae71c0eff28365ed150c0e8421bbd105f13d5d22a7`',
      lastDate: "# Thu, 13 Aug 2026 19:43:39 GMT\nCMD [\"python3\"]",
    },
  },
  {
    ref: 'python:latest',
    remote: {
      commit: '0c376450b2d177f8478d9fd05ad2b9de6be78fd6',
      path: 'repos/python/remote/latest.md',
      imageId: '-\tImage ID: `sha256:691aea61c5aab0beca3e65c93e8cd94ce2c1beaf1ad83ffb545fbfc40cd34566`',
      lastDate: "# Tue, 25 Aug 2026 03:39:18 GMT\nCMD [\"python3\"]",
    },
  },
  {
    ref: 'php:apache',
    remote: {
      commit: '0ef8f6f6fce7ebf066ef820922dd3719f08cb114',
      path: 'repos/php/remote/apache.md',
      imageId: '-\tImage ID: `sha256:5434b4213ee013c447b4c65a337a92d3c462cd06ea4d94aa2e1f2321d78a6e2a`',
      lastDate: "# Mon, 31 Aug 2026 19:14:27 GMT\nCMD [\"apache2-foreground\"]",
    },
  },
  {
    ref: 'php:8.3-cli',
    remote: {
      commit: '009a9cc2566991fea8c9cd4ad54b6d35bc8f2074',
      path: 'repos/php/remote/8.3-cli.md',
      imageId: '-\tImage ID: `sha256:421e665b3613c9116ee27745f3d983e87b1bd04ca3f80bca6bfa93586e9ee2a3`',
      lastDate: "# Tue, 14 Jul 2026 01:32:26 GMT\nCMD [\"php\" \"-a\"]",
    },
  },
  {
    ref: 'php:cli',
    remote: {
      commit: '0cb5ca86eead6d7ce957a7f41cc601f4735fcd2b',
      path: 'repos/php/remote/cli.md',
      imageId: '-\tImage ID: `sha256:1d2638822c65cc66b56f4a9e84e73ecc84a4031474f3cd198fd9a70a4f130160`',
      lastDate: "# Tue, 25 Aug 2026 00:30:13 GMT\nCMD [\"php\" \"-a\"]",
    },
  },
];

/** repo-info's `- Image ID: \`sha256:...\`` line. */
function imageIdOf(text: string): string {
  return /Image ID: `(sha256:[0-9a-f]{64})`/.exec(text)![1];
}

/** `# Sat, 19 Sep 2026 00:36:54 GMT` (an RFC 1123 date) as RFC 3339. */
function historyDate(text: string): string {
  const line = /^# (.* GMT)$/m.exec(text)![1];
  return new Date(Date.parse(line)).toISOString().replace('.000Z', 'Z');
}

/** catalog.json's own entry for a tag (the source `npm run catalog` reads). */
function jsonEntry(ref: string): { registry: { repoInfo: { commit: string; path: string }; image?: { id: string; created: string; size?: string; local?: { commit: string; path: string }; sizeBytes?: number; sizeSource?: string } } } {
  const [repo, tag] = ref.split(':');
  const json = JSON.parse(fs.readFileSync(path.join(CATALOG_DIR, repo, 'catalog.json'), 'utf8')) as { tags: Record<string, never> };
  return json.tags[tag];
}

describe("the real image of a catalog tag, from docker-library/repo-info", () => {
  for (const e of EXCERPTS) {
    describe(e.ref, () => {
      const entry = jsonEntry(e.ref);
      it('is pinned where the excerpt comes from', () => {
        expect(entry.registry.repoInfo).toEqual({ commit: e.remote.commit, path: e.remote.path });
      });
      it("has the remote's linux/amd64 Image ID", () => {
        expect(entry.registry.image?.id).toBe(imageIdOf(e.remote.imageId));
        expect(catalogEntry(e.ref)?.registry.image?.id).toBe(imageIdOf(e.remote.imageId));
      });
      const sameBuild = e.local !== undefined && imageIdOf(e.local.text) === imageIdOf(e.remote.imageId);
      if (sameBuild) {
        it("has the local file's Created to the nanosecond and its Virtual Size: it names the same Image ID", () => {
          const created = /Created: `([^`]+)`/.exec(e.local!.text)![1];
          expect(created.startsWith(historyDate(e.remote.lastDate).replace('Z', ''))).toBe(true);
          expect(entry.registry.image?.created).toBe(created);
          expect(entry.registry.image?.size).toBe(/Virtual Size: ~ (\d+(?:\.\d{1,2})? [KMG]b)/.exec(e.local!.text)![1]);
          expect(entry.registry.image?.local).toEqual({ commit: e.local!.commit, path: e.local!.path });
        });
      } else {
        it("has the last history step's date as Created, to the second, and no size: repo-info has none of this build", () => {
          expect(entry.registry.image?.created).toBe(historyDate(e.remote.lastDate));
          expect(entry.registry.image?.size).toBeUndefined();
          expect(entry.registry.image?.local).toBeUndefined();
        });
      }
    });
  }
});

describe("hello-world's size to the byte", () => {
  // docker-library/hello-world@a1942f2745e7ad88e348b6d6cf304fc8261d0575, `git ls-tree -r -l`: the
  // image's only file (amd64/Dockerfile: FROM scratch, COPY hello /, CMD ["/hello"])
  const LS_TREE = '100755 blob 8cf6df2f45644d135483cddf9237eb9d64196e29   10072\tamd64/hello';
  it("is its one file's size, cited where it is counted", () => {
    const im = jsonEntry('hello-world:latest').registry.image;
    expect(im?.sizeBytes).toBe(Number(/\s(\d+)\t/.exec(LS_TREE)![1]));
    expect(im?.sizeSource).toContain('a1942f2745e7ad88e348b6d6cf304fc8261d0575:amd64/hello');
    expect(catalogEntry('hello-world:latest')?.registry.image?.sizeBytes).toBe(im?.sizeBytes);
  });
});

describe('registry.image in catalog.json', () => {
  const id = 'sha256:' + 'a'.repeat(64);
  it('takes a remote Image ID and a Created to the second', () => {
    expect(() => checkRealImage({ id, created: '2026-09-19T00:36:54Z' }, 'w')).not.toThrow();
  });
  it('takes a size to the byte only with where it is counted, and never beside a Virtual Size', () => {
    expect(() => checkRealImage({ id, created: '2026-09-19T00:36:54Z', sizeBytes: 10072, sizeSource: 'a file of 10072 bytes' }, 'w')).not.toThrow();
    expect(() => checkRealImage({ id, created: '2026-09-19T00:36:54Z', sizeBytes: 10072 }, 'w')).toThrow('"sizeBytes" needs "sizeSource"');
    expect(() => checkRealImage({ id, created: '2026-09-19T00:36:54Z', sizeBytes: 10.5, sizeSource: 's' }, 'w')).toThrow('whole number');
    expect(() => checkRealImage({ id, created: '2026-09-19T00:36:54Z', sizeSource: 's' }, 'w')).toThrow('without "sizeBytes"');
    const local = { commit: 'b'.repeat(40), path: 'repos/hello-world/local/latest.md' };
    expect(() => checkRealImage({ id, created: '2026-09-19T00:36:54Z', size: '10.07 Kb', local, sizeBytes: 10072, sizeSource: 's' }, 'w')).toThrow('two sources');
  });
  it('refuses a size or nanoseconds without the local file they come from, and a size not written as repo-info writes it', () => {
    expect(() => checkRealImage({ id, created: '2026-09-19T00:36:54Z', size: '451.13 Mb' }, 'w')).toThrow(CatalogError);
    expect(() => checkRealImage({ id, created: '2026-09-19T00:36:54.1Z' }, 'w')).toThrow('"local" needs its commit and path');
    const local = { commit: 'b'.repeat(40), path: 'repos/postgres/local/16.md' };
    expect(() => checkRealImage({ id, created: '2026-09-19T00:36:54Z', size: '451MB', local }, 'w')).toThrow('"size" must be');
    expect(() => checkRealImage({ id: 'sha256:abc', created: '2026-09-19T00:36:54Z' }, 'w')).toThrow('"id" must be');
    expect(() => checkRealImage({ id, created: '19 Sep 2026' }, 'w')).toThrow('"created" must be');
  });
});
