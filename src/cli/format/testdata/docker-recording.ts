// Recorded with the docker 28.2.2 CLI against an HTTP server that replayed
// the daemon answers below (scripts are not kept): what `docker` printed for
// each command line. The formatting tests render the same answers and must
// print the same bytes. CREATED columns depend on the time, so the tests run
// with the clock set to `capturedAt`.
export interface RecordedRun {
  args: string[];
  stdout: string;
  stderr: string;
  code: number;
}

/** The daemon's answers are kept as sent (with nulls the spec types leave out). */
export interface Recording {
  capturedAt: number;
  docker: string;
  images: unknown[];
  history: unknown[];
  dataUsage: unknown;
  /** With containers, volumes and build cache. */
  dataUsageFull: unknown;
  inspect: unknown;
  templateImages: unknown[];
  cases: Record<'images' | 'history' | 'df' | 'dfFull' | 'inspect' | 'templates', RecordedRun[]>;
}

export const recording: Recording = {
 "capturedAt": 1795862880000,
 "docker": "28.2.2",
 "images": [
  {
   "Id": "sha256:aaaa1111bbbb2222cccc3333dddd4444eeee5555ffff6666aaaa7777bbbb8888",
   "ParentId": "",
   "RepoTags": [
    "busybox:latest",
    "busybox:1.36"
   ],
   "RepoDigests": [
    "busybox@sha256:1111111111111111111111111111111111111111111111111111111111111111"
   ],
   "Created": 1600000000,
   "Size": 4261234,
   "SharedSize": -1,
   "Labels": {
    "a": "b"
   },
   "Containers": -1
  },
  {
   "Id": "sha256:bbbb1111bbbb2222cccc3333dddd4444eeee5555ffff6666aaaa7777bbbb8888",
   "ParentId": "",
   "RepoTags": [],
   "RepoDigests": [],
   "Created": 1500000000,
   "Size": 0,
   "SharedSize": -1,
   "Labels": null,
   "Containers": -1
  },
  {
   "Id": "sha256:cccc1111bbbb2222cccc3333dddd4444eeee5555ffff6666aaaa7777bbbb8888",
   "ParentId": "",
   "RepoTags": [
    "<none>:<none>"
   ],
   "RepoDigests": [
    "<none>@<none>"
   ],
   "Created": 1400000000,
   "Size": 999999,
   "SharedSize": 100,
   "Labels": {},
   "Containers": 2
  },
  {
   "Id": "sha256:dddd1111bbbb2222cccc3333dddd4444eeee5555ffff6666aaaa7777bbbb8888",
   "ParentId": "",
   "RepoTags": null,
   "RepoDigests": [
    "docker.io/library/alpine@sha256:2222222222222222222222222222222222222222222222222222222222222222"
   ],
   "Created": 1700000000,
   "Size": 123456789012,
   "SharedSize": -1,
   "Labels": {},
   "Containers": 0
  },
  {
   "Id": "sha256:eeee1111bbbb2222cccc3333dddd4444eeee5555ffff6666aaaa7777bbbb8888",
   "ParentId": "",
   "RepoTags": [
    "docker.io/library/ubuntu:22.04"
   ],
   "RepoDigests": [
    "ubuntu@sha256:3333333333333333333333333333333333333333333333333333333333333333",
    "ubuntu@sha256:4444444444444444444444444444444444444444444444444444444444444444"
   ],
   "Created": 1234567890,
   "Size": 77812345,
   "SharedSize": -1,
   "Labels": {},
   "Containers": -1
  },
  {
   "Id": "sha256:ffff1111bbbb2222cccc3333dddd4444eeee5555ffff6666aaaa7777bbbb8888",
   "ParentId": "",
   "RepoTags": [
    "localhost:5000/team/app:v1.2",
    "localhost:5000/team/app:漢字"
   ],
   "RepoDigests": [],
   "Created": 1650000000,
   "Size": 1125,
   "SharedSize": 0,
   "Labels": {},
   "Containers": 1
  }
 ],
 "history": [
  {
   "Id": "sha256:aaaa1111bbbb2222cccc3333dddd4444eeee5555ffff6666aaaa7777bbbb8888",
   "Created": 1600000000,
   "CreatedBy": "/bin/sh -c #(nop)  CMD [\"sh\"]\tthis is a long created by that will be truncated",
   "Tags": [
    "busybox:latest"
   ],
   "Size": 0,
   "Comment": ""
  },
  {
   "Id": "<missing>",
   "Created": 1599999999,
   "CreatedBy": "/bin/sh -c #(nop) ADD file:abc in / ",
   "Tags": null,
   "Size": 4261234,
   "Comment": "imported from -"
  },
  {
   "Id": "<missing>",
   "Created": 0,
   "CreatedBy": "",
   "Tags": null,
   "Size": 1000,
   "Comment": ""
  }
 ],
 "dataUsage": {
  "LayersSize": 82073579,
  "Images": [
   {
    "Id": "sha256:aaaa1111bbbb2222cccc3333dddd4444eeee5555ffff6666aaaa7777bbbb8888",
    "ParentId": "",
    "RepoTags": [
     "busybox:latest",
     "busybox:1.36"
    ],
    "RepoDigests": [],
    "Created": 1600000000,
    "Size": 4261234,
    "SharedSize": 0,
    "Labels": {},
    "Containers": 0
   },
   {
    "Id": "sha256:eeee1111bbbb2222cccc3333dddd4444eeee5555ffff6666aaaa7777bbbb8888",
    "ParentId": "",
    "RepoTags": [],
    "RepoDigests": [],
    "Created": 1234567890,
    "Size": 77812345,
    "SharedSize": 0,
    "Labels": {},
    "Containers": 0
   },
   {
    "Id": "sha256:ffff1111bbbb2222cccc3333dddd4444eeee5555ffff6666aaaa7777bbbb8888",
    "ParentId": "",
    "RepoTags": [
     "localhost:5000/team/app:v1.2"
    ],
    "RepoDigests": [],
    "Created": 1650000000,
    "Size": 1125,
    "SharedSize": 100,
    "Labels": {},
    "Containers": 1
   }
  ],
  "Containers": [],
  "Volumes": [],
  "BuildCache": []
 },
 "inspect": {
  "Id": "sha256:aaaa1111bbbb2222cccc3333dddd4444eeee5555ffff6666aaaa7777bbbb8888",
  "RepoTags": [
   "busybox:latest",
   "busybox:1.36"
  ],
  "RepoDigests": [
   "busybox@sha256:1111111111111111111111111111111111111111111111111111111111111111"
  ],
  "Parent": "",
  "Comment": "",
  "Created": "2020-09-13T12:26:40.123456789Z",
  "DockerVersion": "",
  "Author": "",
  "Config": {
   "Hostname": "",
   "Domainname": "",
   "User": "",
   "AttachStdin": false,
   "AttachStdout": false,
   "AttachStderr": false,
   "Tty": false,
   "OpenStdin": false,
   "StdinOnce": false,
   "Env": [
    "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
   ],
   "Cmd": [
    "sh"
   ],
   "Image": "",
   "Volumes": null,
   "WorkingDir": "",
   "Entrypoint": null,
   "OnBuild": null,
   "Labels": {
    "z": "1",
    "a": "<2>"
   }
  },
  "Architecture": "amd64",
  "Os": "linux",
  "Size": 4261234,
  "GraphDriver": {
   "Data": {
    "MergedDir": "/x/merged",
    "UpperDir": "/x/diff"
   },
   "Name": "overlay2"
  },
  "RootFS": {
   "Type": "layers",
   "Layers": [
    "sha256:9999999999999999999999999999999999999999999999999999999999999999"
   ]
  },
  "Metadata": {
   "LastTagTime": "0001-01-01T00:00:00Z"
  }
 },
 "templateImages": [
  {
   "Id": "sha256:aaaa1111bbbb2222cccc3333dddd4444eeee5555ffff6666aaaa7777bbbb8888",
   "ParentId": "",
   "RepoTags": [
    "localhost:5000/foo/bar:v1"
   ],
   "RepoDigests": [
    "localhost:5000/foo/bar@sha256:1111111111111111111111111111111111111111111111111111111111111111"
   ],
   "Created": 1600000000,
   "Size": 4261234,
   "SharedSize": -1,
   "Labels": {
    "a": "b"
   },
   "Containers": -1
  },
  {
   "Id": "sha256:cccc1111bbbb2222cccc3333dddd4444eeee5555ffff6666aaaa7777bbbb8888",
   "ParentId": "",
   "RepoTags": [
    "<none>:<none>"
   ],
   "RepoDigests": [
    "<none>@<none>"
   ],
   "Created": 1400000000,
   "Size": 999999,
   "SharedSize": 100,
   "Labels": {},
   "Containers": 2
  }
 ],
 "cases": {
  "images": [
   {
    "args": [
     "images"
    ],
    "stdout": "REPOSITORY                TAG       IMAGE ID       CREATED        SIZE\nbusybox                   latest    aaaa1111bbbb   6 years ago    4.26MB\nbusybox                   1.36      aaaa1111bbbb   6 years ago    4.26MB\n<none>                    <none>    bbbb1111bbbb   9 years ago    0B\n<none>                    <none>    cccc1111bbbb   12 years ago   1e+03kB\nalpine                    <none>    dddd1111bbbb   3 years ago    123GB\nubuntu                    22.04     eeee1111bbbb   17 years ago   77.8MB\nlocalhost:5000/team/app   v1.2      ffff1111bbbb   4 years ago    1.12kB\n",
    "stderr": "",
    "code": 0
   },
   {
    "args": [
     "images",
     "--digests"
    ],
    "stdout": "REPOSITORY                TAG       DIGEST                                                                    IMAGE ID       CREATED        SIZE\nbusybox                   latest    sha256:1111111111111111111111111111111111111111111111111111111111111111   aaaa1111bbbb   6 years ago    4.26MB\nbusybox                   1.36      sha256:1111111111111111111111111111111111111111111111111111111111111111   aaaa1111bbbb   6 years ago    4.26MB\n<none>                    <none>    <none>                                                                    bbbb1111bbbb   9 years ago    0B\n<none>                    <none>    <none>                                                                    cccc1111bbbb   12 years ago   1e+03kB\nalpine                    <none>    sha256:2222222222222222222222222222222222222222222222222222222222222222   dddd1111bbbb   3 years ago    123GB\nubuntu                    22.04     sha256:3333333333333333333333333333333333333333333333333333333333333333   eeee1111bbbb   17 years ago   77.8MB\nubuntu                    22.04     sha256:4444444444444444444444444444444444444444444444444444444444444444   eeee1111bbbb   17 years ago   77.8MB\nlocalhost:5000/team/app   v1.2      <none>                                                                    ffff1111bbbb   4 years ago    1.12kB\n",
    "stderr": "",
    "code": 0
   },
   {
    "args": [
     "images",
     "-a",
     "--no-trunc"
    ],
    "stdout": "REPOSITORY                TAG       IMAGE ID                                                                  CREATED        SIZE\nbusybox                   latest    sha256:aaaa1111bbbb2222cccc3333dddd4444eeee5555ffff6666aaaa7777bbbb8888   6 years ago    4.26MB\nbusybox                   1.36      sha256:aaaa1111bbbb2222cccc3333dddd4444eeee5555ffff6666aaaa7777bbbb8888   6 years ago    4.26MB\n<none>                    <none>    sha256:bbbb1111bbbb2222cccc3333dddd4444eeee5555ffff6666aaaa7777bbbb8888   9 years ago    0B\n<none>                    <none>    sha256:cccc1111bbbb2222cccc3333dddd4444eeee5555ffff6666aaaa7777bbbb8888   12 years ago   1e+03kB\nalpine                    <none>    sha256:dddd1111bbbb2222cccc3333dddd4444eeee5555ffff6666aaaa7777bbbb8888   3 years ago    123GB\nubuntu                    22.04     sha256:eeee1111bbbb2222cccc3333dddd4444eeee5555ffff6666aaaa7777bbbb8888   17 years ago   77.8MB\nlocalhost:5000/team/app   v1.2      sha256:ffff1111bbbb2222cccc3333dddd4444eeee5555ffff6666aaaa7777bbbb8888   4 years ago    1.12kB\n",
    "stderr": "",
    "code": 0
   },
   {
    "args": [
     "images",
     "-q"
    ],
    "stdout": "aaaa1111bbbb\naaaa1111bbbb\nbbbb1111bbbb\ncccc1111bbbb\ndddd1111bbbb\neeee1111bbbb\nffff1111bbbb\n",
    "stderr": "",
    "code": 0
   },
   {
    "args": [
     "images",
     "--format",
     "json"
    ],
    "stdout": "{\"Containers\":\"N/A\",\"CreatedAt\":\"2020-09-13 12:26:40 +0000 UTC\",\"CreatedSince\":\"6 years ago\",\"Digest\":\"\\u003cnone\\u003e\",\"ID\":\"aaaa1111bbbb\",\"Repository\":\"busybox\",\"SharedSize\":\"N/A\",\"Size\":\"4.26MB\",\"Tag\":\"latest\",\"UniqueSize\":\"N/A\",\"VirtualSize\":\"4.261MB\"}\n{\"Containers\":\"N/A\",\"CreatedAt\":\"2020-09-13 12:26:40 +0000 UTC\",\"CreatedSince\":\"6 years ago\",\"Digest\":\"\\u003cnone\\u003e\",\"ID\":\"aaaa1111bbbb\",\"Repository\":\"busybox\",\"SharedSize\":\"N/A\",\"Size\":\"4.26MB\",\"Tag\":\"1.36\",\"UniqueSize\":\"N/A\",\"VirtualSize\":\"4.261MB\"}\n{\"Containers\":\"N/A\",\"CreatedAt\":\"2017-07-14 02:40:00 +0000 UTC\",\"CreatedSince\":\"9 years ago\",\"Digest\":\"\\u003cnone\\u003e\",\"ID\":\"bbbb1111bbbb\",\"Repository\":\"\\u003cnone\\u003e\",\"SharedSize\":\"N/A\",\"Size\":\"0B\",\"Tag\":\"\\u003cnone\\u003e\",\"UniqueSize\":\"N/A\",\"VirtualSize\":\"0B\"}\n{\"Containers\":\"2\",\"CreatedAt\":\"2014-05-13 16:53:20 +0000 UTC\",\"CreatedSince\":\"12 years ago\",\"Digest\":\"\\u003cnone\\u003e\",\"ID\":\"cccc1111bbbb\",\"Repository\":\"\\u003cnone\\u003e\",\"SharedSize\":\"100B\",\"Size\":\"1e+03kB\",\"Tag\":\"\\u003cnone\\u003e\",\"UniqueSize\":\"999.9kB\",\"VirtualSize\":\"1000kB\"}\n{\"Containers\":\"0\",\"CreatedAt\":\"2023-11-14 22:13:20 +0000 UTC\",\"CreatedSince\":\"3 years ago\",\"Digest\":\"\",\"ID\":\"dddd1111bbbb\",\"Repository\":\"alpine\",\"SharedSize\":\"N/A\",\"Size\":\"123GB\",\"Tag\":\"\\u003cnone\\u003e\",\"UniqueSize\":\"N/A\",\"VirtualSize\":\"123.5GB\"}\n{\"Containers\":\"N/A\",\"CreatedAt\":\"2009-02-13 23:31:30 +0000 UTC\",\"CreatedSince\":\"17 years ago\",\"Digest\":\"\\u003cnone\\u003e\",\"ID\":\"eeee1111bbbb\",\"Repository\":\"ubuntu\",\"SharedSize\":\"N/A\",\"Size\":\"77.8MB\",\"Tag\":\"22.04\",\"UniqueSize\":\"N/A\",\"VirtualSize\":\"77.81MB\"}\n{\"Containers\":\"1\",\"CreatedAt\":\"2022-04-15 05:20:00 +0000 UTC\",\"CreatedSince\":\"4 years ago\",\"Digest\":\"\\u003cnone\\u003e\",\"ID\":\"ffff1111bbbb\",\"Repository\":\"localhost:5000/team/app\",\"SharedSize\":\"0B\",\"Size\":\"1.12kB\",\"Tag\":\"v1.2\",\"UniqueSize\":\"1.125kB\",\"VirtualSize\":\"1.125kB\"}\n",
    "stderr": "",
    "code": 0
   },
   {
    "args": [
     "images",
     "--format",
     "table {{.ID}}\\t{{.CreatedAt}}\\t{{.Size}}\\t{{.SharedSize}}\\t{{.UniqueSize}}\\t{{.VirtualSize}}\\t{{.Containers}}"
    ],
    "stdout": "IMAGE ID       CREATED AT                      SIZE      SHARED SIZE   UNIQUE SIZE   SIZE      CONTAINERS\naaaa1111bbbb   2020-09-13 12:26:40 +0000 UTC   4.26MB    N/A           N/A           4.261MB   N/A\naaaa1111bbbb   2020-09-13 12:26:40 +0000 UTC   4.26MB    N/A           N/A           4.261MB   N/A\nbbbb1111bbbb   2017-07-14 02:40:00 +0000 UTC   0B        N/A           N/A           0B        N/A\ncccc1111bbbb   2014-05-13 16:53:20 +0000 UTC   1e+03kB   100B          999.9kB       1000kB    2\ndddd1111bbbb   2023-11-14 22:13:20 +0000 UTC   123GB     N/A           N/A           123.5GB   0\neeee1111bbbb   2009-02-13 23:31:30 +0000 UTC   77.8MB    N/A           N/A           77.81MB   N/A\nffff1111bbbb   2022-04-15 05:20:00 +0000 UTC   1.12kB    0B            1.125kB       1.125kB   1\n",
    "stderr": "",
    "code": 0
   },
   {
    "args": [
     "images",
     "--format",
     "raw"
    ],
    "stdout": "repository: busybox\ntag: latest\nimage_id: aaaa1111bbbb\ncreated_at: 2020-09-13 12:26:40 +0000 UTC\nvirtual_size: 4.26MB\n\nrepository: busybox\ntag: 1.36\nimage_id: aaaa1111bbbb\ncreated_at: 2020-09-13 12:26:40 +0000 UTC\nvirtual_size: 4.26MB\n\nrepository: <none>\ntag: <none>\nimage_id: bbbb1111bbbb\ncreated_at: 2017-07-14 02:40:00 +0000 UTC\nvirtual_size: 0B\n\nrepository: <none>\ntag: <none>\nimage_id: cccc1111bbbb\ncreated_at: 2014-05-13 16:53:20 +0000 UTC\nvirtual_size: 1e+03kB\n\nrepository: alpine\ntag: <none>\nimage_id: dddd1111bbbb\ncreated_at: 2023-11-14 22:13:20 +0000 UTC\nvirtual_size: 123GB\n\nrepository: ubuntu\ntag: 22.04\nimage_id: eeee1111bbbb\ncreated_at: 2009-02-13 23:31:30 +0000 UTC\nvirtual_size: 77.8MB\n\nrepository: localhost:5000/team/app\ntag: v1.2\nimage_id: ffff1111bbbb\ncreated_at: 2022-04-15 05:20:00 +0000 UTC\nvirtual_size: 1.12kB\n\n",
    "stderr": "",
    "code": 0
   },
   {
    "args": [
     "images",
     "--digests",
     "--format",
     "raw"
    ],
    "stdout": "repository: busybox\ntag: latest\ndigest: sha256:1111111111111111111111111111111111111111111111111111111111111111\nimage_id: aaaa1111bbbb\ncreated_at: 2020-09-13 12:26:40 +0000 UTC\nvirtual_size: 4.26MB\n\nrepository: busybox\ntag: 1.36\ndigest: sha256:1111111111111111111111111111111111111111111111111111111111111111\nimage_id: aaaa1111bbbb\ncreated_at: 2020-09-13 12:26:40 +0000 UTC\nvirtual_size: 4.26MB\n\nrepository: <none>\ntag: <none>\ndigest: <none>\nimage_id: bbbb1111bbbb\ncreated_at: 2017-07-14 02:40:00 +0000 UTC\nvirtual_size: 0B\n\nrepository: <none>\ntag: <none>\ndigest: <none>\nimage_id: cccc1111bbbb\ncreated_at: 2014-05-13 16:53:20 +0000 UTC\nvirtual_size: 1e+03kB\n\nrepository: alpine\ntag: <none>\ndigest: sha256:2222222222222222222222222222222222222222222222222222222222222222\nimage_id: dddd1111bbbb\ncreated_at: 2023-11-14 22:13:20 +0000 UTC\nvirtual_size: 123GB\n\nrepository: ubuntu\ntag: 22.04\ndigest: sha256:3333333333333333333333333333333333333333333333333333333333333333\nimage_id: eeee1111bbbb\ncreated_at: 2009-02-13 23:31:30 +0000 UTC\nvirtual_size: 77.8MB\n\nrepository: ubuntu\ntag: 22.04\ndigest: sha256:4444444444444444444444444444444444444444444444444444444444444444\nimage_id: eeee1111bbbb\ncreated_at: 2009-02-13 23:31:30 +0000 UTC\nvirtual_size: 77.8MB\n\nrepository: localhost:5000/team/app\ntag: v1.2\ndigest: <none>\nimage_id: ffff1111bbbb\ncreated_at: 2022-04-15 05:20:00 +0000 UTC\nvirtual_size: 1.12kB\n\n",
    "stderr": "",
    "code": 0
   },
   {
    "args": [
     "images",
     "-q",
     "--format",
     "raw"
    ],
    "stdout": "image_id: aaaa1111bbbb\nimage_id: aaaa1111bbbb\nimage_id: bbbb1111bbbb\nimage_id: cccc1111bbbb\nimage_id: dddd1111bbbb\nimage_id: eeee1111bbbb\nimage_id: ffff1111bbbb\n",
    "stderr": "",
    "code": 0
   },
   {
    "args": [
     "images",
     "--digests",
     "--format",
     "table {{.Repository}}"
    ],
    "stdout": "REPOSITORY                DIGEST\nbusybox                   sha256:1111111111111111111111111111111111111111111111111111111111111111\nbusybox                   sha256:1111111111111111111111111111111111111111111111111111111111111111\n<none>                    <none>\n<none>                    <none>\nalpine                    sha256:2222222222222222222222222222222222222222222222222222222222222222\nubuntu                    sha256:3333333333333333333333333333333333333333333333333333333333333333\nubuntu                    sha256:4444444444444444444444444444444444444444444444444444444444444444\nlocalhost:5000/team/app   <none>\n",
    "stderr": "",
    "code": 0
   },
   {
    "args": [
     "images",
     "--format",
     "table {{.Repository}}\\t{{.Digest}}"
    ],
    "stdout": "REPOSITORY                DIGEST\nbusybox                   sha256:1111111111111111111111111111111111111111111111111111111111111111\nbusybox                   sha256:1111111111111111111111111111111111111111111111111111111111111111\n<none>                    <none>\n<none>                    <none>\nalpine                    \nubuntu                    sha256:3333333333333333333333333333333333333333333333333333333333333333\nubuntu                    sha256:4444444444444444444444444444444444444444444444444444444444444444\nlocalhost:5000/team/app   <none>\n",
    "stderr": "",
    "code": 0
   },
   {
    "args": [
     "images",
     "-q",
     "--format",
     "{{.Repository}}:{{.Tag}}"
    ],
    "stdout": "busybox:latest\nbusybox:1.36\n<none>:<none>\n<none>:<none>\nalpine:<none>\nubuntu:22.04\nlocalhost:5000/team/app:v1.2\n",
    "stderr": "",
    "code": 0
   }
  ],
  "history": [
   {
    "args": [
     "history",
     "busybox"
    ],
    "stdout": "IMAGE          CREATED       CREATED BY                                      SIZE      COMMENT\naaaa1111bbbb   6 years ago   /bin/sh -c #(nop)  CMD [\"sh\"] this is a long…   0B        \n<missing>      6 years ago   /bin/sh -c #(nop) ADD file:abc in /             4.26MB    imported from -\n<missing>      N/A                                                           1kB       \n",
    "stderr": "",
    "code": 0
   },
   {
    "args": [
     "history",
     "--no-trunc",
     "-H=false",
     "busybox"
    ],
    "stdout": "IMAGE                                                                     CREATED AT             CREATED BY                                                                       SIZE      COMMENT\nsha256:aaaa1111bbbb2222cccc3333dddd4444eeee5555ffff6666aaaa7777bbbb8888   2020-09-13T12:26:40Z   /bin/sh -c #(nop)  CMD [\"sh\"] this is a long created by that will be truncated   0         \n<missing>                                                                 2020-09-13T12:26:39Z   /bin/sh -c #(nop) ADD file:abc in /                                              4261234   imported from -\n<missing>                                                                 1970-01-01T00:00:00Z                                                                                    1000      \n",
    "stderr": "",
    "code": 0
   },
   {
    "args": [
     "history",
     "--format",
     "json",
     "busybox"
    ],
    "stdout": "{\"Comment\":\"\",\"CreatedAt\":\"2020-09-13T12:26:40Z\",\"CreatedBy\":\"/bin/sh -c #(nop)  CMD [\\\"sh\\\"] this is a long…\",\"CreatedSince\":\"6 years ago\",\"ID\":\"aaaa1111bbbb\",\"Size\":\"0B\"}\n{\"Comment\":\"imported from -\",\"CreatedAt\":\"2020-09-13T12:26:39Z\",\"CreatedBy\":\"/bin/sh -c #(nop) ADD file:abc in / \",\"CreatedSince\":\"6 years ago\",\"ID\":\"\\u003cmissing\\u003e\",\"Size\":\"4.26MB\"}\n{\"Comment\":\"\",\"CreatedAt\":\"1970-01-01T00:00:00Z\",\"CreatedBy\":\"\",\"CreatedSince\":\"N/A\",\"ID\":\"\\u003cmissing\\u003e\",\"Size\":\"1kB\"}\n",
    "stderr": "",
    "code": 0
   },
   {
    "args": [
     "history",
     "-q",
     "busybox"
    ],
    "stdout": "aaaa1111bbbb\n<missing>\n<missing>\n",
    "stderr": "",
    "code": 0
   },
   {
    "args": [
     "history",
     "--format",
     "table {{.ID}}\\t{{.CreatedAt}}\\t{{.CreatedBy}}",
     "busybox"
    ],
    "stdout": "IMAGE          CREATED AT             CREATED BY\naaaa1111bbbb   2020-09-13T12:26:40Z   /bin/sh -c #(nop)  CMD [\"sh\"] this is a long…\n<missing>      2020-09-13T12:26:39Z   /bin/sh -c #(nop) ADD file:abc in / \n<missing>      1970-01-01T00:00:00Z   \n",
    "stderr": "",
    "code": 0
   }
  ],
  "df": [
   {
    "args": [
     "system",
     "df"
    ],
    "stdout": "TYPE            TOTAL     ACTIVE    SIZE      RECLAIMABLE\nImages          3         1         82.07MB   82.07MB (99%)\nContainers      0         0         0B        0B\nLocal Volumes   0         0         0B        0B\nBuild Cache     0         0         0B        0B\n",
    "stderr": "",
    "code": 0
   },
   {
    "args": [
     "system",
     "df",
     "-v"
    ],
    "stdout": "Images space usage:\n\nREPOSITORY                TAG       IMAGE ID       CREATED        SIZE      SHARED SIZE   UNIQUE SIZE   CONTAINERS\nbusybox                   latest    aaaa1111bbbb   6 years ago    4.26MB    0B            4.261MB       0\n<none>                    <none>    eeee1111bbbb   17 years ago   77.8MB    0B            77.81MB       0\nlocalhost:5000/team/app   v1.2      ffff1111bbbb   4 years ago    1.12kB    100B          1.025kB       1\n\nContainers space usage:\n\nCONTAINER ID   IMAGE     COMMAND   LOCAL VOLUMES   SIZE      CREATED   STATUS    NAMES\n\nLocal Volumes space usage:\n\nVOLUME NAME   LINKS     SIZE\n\nBuild cache usage: 0B\n\nCACHE ID   CACHE TYPE   SIZE      CREATED   LAST USED   USAGE     SHARED\n",
    "stderr": "",
    "code": 0
   },
   {
    "args": [
     "system",
     "df",
     "--format",
     "json"
    ],
    "stdout": "{\"Active\":\"1\",\"Reclaimable\":\"82.07MB (99%)\",\"Size\":\"82.07MB\",\"TotalCount\":\"3\",\"Type\":\"Images\"}\n{\"Active\":\"0\",\"Reclaimable\":\"0B\",\"Size\":\"0B\",\"TotalCount\":\"0\",\"Type\":\"Containers\"}\n{\"Active\":\"0\",\"Reclaimable\":\"0B\",\"Size\":\"0B\",\"TotalCount\":\"0\",\"Type\":\"Local Volumes\"}\n{\"Active\":\"0\",\"Reclaimable\":\"0B\",\"Size\":\"0B\",\"TotalCount\":\"0\",\"Type\":\"Build Cache\"}\n",
    "stderr": "",
    "code": 0
   },
   {
    "args": [
     "system",
     "df",
     "-v",
     "--format",
     "{{json .}}"
    ],
    "stdout": "{\"Images\":[{\"Containers\":\"0\",\"CreatedAt\":\"2020-09-13 12:26:40 +0000 UTC\",\"CreatedSince\":\"6 years ago\",\"Digest\":\"\",\"ID\":\"sha256:aaaa1111bbbb2222cccc3333dddd4444eeee5555ffff6666aaaa7777bbbb8888\",\"Repository\":\"busybox\",\"SharedSize\":\"0B\",\"Size\":\"4.26MB\",\"Tag\":\"latest\",\"UniqueSize\":\"4.261MB\",\"VirtualSize\":\"4.261MB\"},{\"Containers\":\"0\",\"CreatedAt\":\"2009-02-13 23:31:30 +0000 UTC\",\"CreatedSince\":\"17 years ago\",\"Digest\":\"\",\"ID\":\"sha256:eeee1111bbbb2222cccc3333dddd4444eeee5555ffff6666aaaa7777bbbb8888\",\"Repository\":\"\\u003cnone\\u003e\",\"SharedSize\":\"0B\",\"Size\":\"77.8MB\",\"Tag\":\"\\u003cnone\\u003e\",\"UniqueSize\":\"77.81MB\",\"VirtualSize\":\"77.81MB\"},{\"Containers\":\"1\",\"CreatedAt\":\"2022-04-15 05:20:00 +0000 UTC\",\"CreatedSince\":\"4 years ago\",\"Digest\":\"\",\"ID\":\"sha256:ffff1111bbbb2222cccc3333dddd4444eeee5555ffff6666aaaa7777bbbb8888\",\"Repository\":\"localhost:5000/team/app\",\"SharedSize\":\"100B\",\"Size\":\"1.12kB\",\"Tag\":\"v1.2\",\"UniqueSize\":\"1.025kB\",\"VirtualSize\":\"1.125kB\"}],\"Containers\":[],\"Volumes\":[],\"BuildCache\":[]}",
    "stderr": "",
    "code": 0
   },
   {
    "args": [
     "system",
     "df",
     "--format",
     "raw"
    ],
    "stdout": "type: Images\ntotal: 3\nactive: 1\nsize: 82.07MB\nreclaimable: 82.07MB (99%)\n\ntype: Containers\ntotal: 0\nactive: 0\nsize: 0B\nreclaimable: 0B\n\ntype: Local Volumes\ntotal: 0\nactive: 0\nsize: 0B\nreclaimable: 0B\n\ntype: Build Cache\ntotal: 0\nactive: 0\nsize: 0B\nreclaimable: 0B\n\n",
    "stderr": "",
    "code": 0
   },
   {
    "args": [
     "system",
     "df",
     "--format",
     "table {{.Type}}\\t{{.Reclaimable}}"
    ],
    "stdout": "TYPE            RECLAIMABLE\nImages          82.07MB (99%)\nContainers      0B\nLocal Volumes   0B\nBuild Cache     0B\n",
    "stderr": "",
    "code": 0
   }
  ],
  "inspect": [
   {
    "args": [
     "image",
     "inspect",
     "busybox"
    ],
    "stdout": "[\n    {\n        \"Id\": \"sha256:aaaa1111bbbb2222cccc3333dddd4444eeee5555ffff6666aaaa7777bbbb8888\",\n        \"RepoTags\": [\n            \"busybox:latest\",\n            \"busybox:1.36\"\n        ],\n        \"RepoDigests\": [\n            \"busybox@sha256:1111111111111111111111111111111111111111111111111111111111111111\"\n        ],\n        \"Parent\": \"\",\n        \"Comment\": \"\",\n        \"Created\": \"2020-09-13T12:26:40.123456789Z\",\n        \"DockerVersion\": \"\",\n        \"Author\": \"\",\n        \"Config\": {\n            \"Hostname\": \"\",\n            \"Domainname\": \"\",\n            \"User\": \"\",\n            \"AttachStdin\": false,\n            \"AttachStdout\": false,\n            \"AttachStderr\": false,\n            \"Tty\": false,\n            \"OpenStdin\": false,\n            \"StdinOnce\": false,\n            \"Env\": [\n                \"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\"\n            ],\n            \"Cmd\": [\n                \"sh\"\n            ],\n            \"Image\": \"\",\n            \"Volumes\": null,\n            \"WorkingDir\": \"\",\n            \"Entrypoint\": null,\n            \"OnBuild\": null,\n            \"Labels\": {\n                \"z\": \"1\",\n                \"a\": \"<2>\"\n            }\n        },\n        \"Architecture\": \"amd64\",\n        \"Os\": \"linux\",\n        \"Size\": 4261234,\n        \"GraphDriver\": {\n            \"Data\": {\n                \"MergedDir\": \"/x/merged\",\n                \"UpperDir\": \"/x/diff\"\n            },\n            \"Name\": \"overlay2\"\n        },\n        \"RootFS\": {\n            \"Type\": \"layers\",\n            \"Layers\": [\n                \"sha256:9999999999999999999999999999999999999999999999999999999999999999\"\n            ]\n        },\n        \"Metadata\": {\n            \"LastTagTime\": \"0001-01-01T00:00:00Z\"\n        }\n    }\n]\n",
    "stderr": "",
    "code": 0
   },
   {
    "args": [
     "image",
     "inspect",
     "-f",
     "json",
     "busybox"
    ],
    "stdout": "[{\"Id\":\"sha256:aaaa1111bbbb2222cccc3333dddd4444eeee5555ffff6666aaaa7777bbbb8888\",\"RepoTags\":[\"busybox:latest\",\"busybox:1.36\"],\"RepoDigests\":[\"busybox@sha256:1111111111111111111111111111111111111111111111111111111111111111\"],\"Parent\":\"\",\"Comment\":\"\",\"Created\":\"2020-09-13T12:26:40.123456789Z\",\"DockerVersion\":\"\",\"Author\":\"\",\"Config\":{\"Hostname\":\"\",\"Domainname\":\"\",\"User\":\"\",\"AttachStdin\":false,\"AttachStdout\":false,\"AttachStderr\":false,\"Tty\":false,\"OpenStdin\":false,\"StdinOnce\":false,\"Env\":[\"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\"],\"Cmd\":[\"sh\"],\"Image\":\"\",\"Volumes\":null,\"WorkingDir\":\"\",\"Entrypoint\":null,\"OnBuild\":null,\"Labels\":{\"z\":\"1\",\"a\":\"<2>\"}},\"Architecture\":\"amd64\",\"Os\":\"linux\",\"Size\":4261234,\"GraphDriver\":{\"Data\":{\"MergedDir\":\"/x/merged\",\"UpperDir\":\"/x/diff\"},\"Name\":\"overlay2\"},\"RootFS\":{\"Type\":\"layers\",\"Layers\":[\"sha256:9999999999999999999999999999999999999999999999999999999999999999\"]},\"Metadata\":{\"LastTagTime\":\"0001-01-01T00:00:00Z\"}}]\n",
    "stderr": "",
    "code": 0
   },
   {
    "args": [
     "image",
     "inspect",
     "-f",
     "{{json .}}",
     "busybox"
    ],
    "stdout": "{\"Id\":\"sha256:aaaa1111bbbb2222cccc3333dddd4444eeee5555ffff6666aaaa7777bbbb8888\",\"RepoTags\":[\"busybox:latest\",\"busybox:1.36\"],\"RepoDigests\":[\"busybox@sha256:1111111111111111111111111111111111111111111111111111111111111111\"],\"Parent\":\"\",\"Comment\":\"\",\"Created\":\"2020-09-13T12:26:40.123456789Z\",\"DockerVersion\":\"\",\"Author\":\"\",\"Config\":{\"Env\":[\"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\"],\"Cmd\":[\"sh\"],\"Labels\":{\"a\":\"<2>\",\"z\":\"1\"}},\"Architecture\":\"amd64\",\"Os\":\"linux\",\"Size\":4261234,\"GraphDriver\":{\"Data\":{\"MergedDir\":\"/x/merged\",\"UpperDir\":\"/x/diff\"},\"Name\":\"overlay2\"},\"RootFS\":{\"Type\":\"layers\",\"Layers\":[\"sha256:9999999999999999999999999999999999999999999999999999999999999999\"]},\"Metadata\":{\"LastTagTime\":\"0001-01-01T00:00:00Z\"}}\n",
    "stderr": "",
    "code": 0
   },
   {
    "args": [
     "image",
     "inspect",
     "-f",
     "{{.Config}}",
     "busybox"
    ],
    "stdout": "{{ map[] [PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin] [] [sh] map[]  map[a:<2> z:1]  false} {<nil> [] []}}\n",
    "stderr": "",
    "code": 0
   },
   {
    "args": [
     "image",
     "inspect",
     "-f",
     "{{json .Config}}",
     "busybox"
    ],
    "stdout": "{\"Env\":[\"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\"],\"Cmd\":[\"sh\"],\"Labels\":{\"a\":\"<2>\",\"z\":\"1\"}}\n",
    "stderr": "",
    "code": 0
   },
   {
    "args": [
     "image",
     "inspect",
     "-f",
     "{{.Metadata}} {{.RootFS}} {{.GraphDriver}}",
     "busybox"
    ],
    "stdout": "{0001-01-01 00:00:00 +0000 UTC} {layers [sha256:9999999999999999999999999999999999999999999999999999999999999999]} {map[MergedDir:/x/merged UpperDir:/x/diff] overlay2}\n",
    "stderr": "",
    "code": 0
   },
   {
    "args": [
     "image",
     "inspect",
     "-f",
     "{{.Foo}}",
     "busybox"
    ],
    "stdout": "\n",
    "stderr": "template parsing error: template: :1:2: executing \"\" at <.Foo>: map has no entry for key \"Foo\"\n",
    "code": 1
   },
   {
    "args": [
     "image",
     "inspect",
     "-f",
     "{{.Config.Hostname}}|{{.Id}}|{{.ID}}",
     "busybox"
    ],
    "stdout": "\n",
    "stderr": "template parsing error: template: :1:31: executing \"\" at <.ID>: map has no entry for key \"ID\"\n",
    "code": 1
   },
   {
    "args": [
     "image",
     "inspect",
     "-f",
     "{{.Config.Foo.Bar}}",
     "busybox"
    ],
    "stdout": "\n",
    "stderr": "template parsing error: template: :1:9: executing \"\" at <.Config.Foo.Bar>: map has no entry for key \"Foo\"\n",
    "code": 1
   },
   {
    "args": [
     "image",
     "inspect",
     "-f",
     "{{.Descriptor.MediaType}}",
     "busybox"
    ],
    "stdout": "\n",
    "stderr": "template parsing error: template: :1:13: executing \"\" at <.Descriptor.MediaType>: map has no entry for key \"Descriptor\"\n",
    "code": 1
   },
   {
    "args": [
     "image",
     "inspect",
     "-f",
     "{{.ID",
     "busybox"
    ],
    "stdout": "",
    "stderr": "template parsing error: template: :1: unclosed action\n",
    "code": 64
   }
  ],
  "templates": [
   {
    "args": [
     "images",
     "--format",
     "{{.ID}}"
    ],
    "stdout": "aaaa1111bbbb\ncccc1111bbbb\n",
    "stderr": "",
    "code": 0
   },
   {
    "args": [
     "images",
     "--format",
     "{{.Foo}}"
    ],
    "stdout": "",
    "stderr": "template parsing error: template: :1:2: executing \"\" at <.Foo>: can't evaluate field Foo in type *formatter.imageContext\n",
    "code": 1
   },
   {
    "args": [
     "images",
     "--format",
     "{{.ID"
    ],
    "stdout": "",
    "stderr": "template parsing error: template: :1: unclosed action\n",
    "code": 1
   },
   {
    "args": [
     "images",
     "--format",
     "{{.ID | truncate 5}}"
    ],
    "stdout": "",
    "stderr": "template parsing error: template: :1:17: executing \"\" at <5>: expected string; found 5\n",
    "code": 1
   },
   {
    "args": [
     "images",
     "--format",
     "{{truncate .ID 5}}|{{pad .Tag 2 3}}|{{title .Repository}}|{{pad \"\" 1 1}}|"
    ],
    "stdout": "aaaa1|  v1   |Localhost:5000/Foo/Bar||\ncccc1|  <none>   |<None>||\n",
    "stderr": "",
    "code": 0
   },
   {
    "args": [
     "images",
     "--format",
     "{{split .Repository \"/\"}}"
    ],
    "stdout": "[localhost:5000 foo bar]\n[<none>]\n",
    "stderr": "",
    "code": 0
   },
   {
    "args": [
     "images",
     "--format",
     "{{join (split .Repository \"/\") \",\"}}"
    ],
    "stdout": "localhost:5000,foo,bar\n<none>\n",
    "stderr": "",
    "code": 0
   },
   {
    "args": [
     "images",
     "--format",
     "{{len .ID}} {{len (split .Repository \"/\")}}"
    ],
    "stdout": "12 3\n12 1\n",
    "stderr": "",
    "code": 0
   },
   {
    "args": [
     "images",
     "--format",
     "{{index (split .Repository \"/\") 0}}"
    ],
    "stdout": "localhost:5000\n<none>\n",
    "stderr": "",
    "code": 0
   },
   {
    "args": [
     "images",
     "--format",
     "{{println .ID}}"
    ],
    "stdout": "aaaa1111bbbb\n\ncccc1111bbbb\n\n",
    "stderr": "",
    "code": 0
   },
   {
    "args": [
     "images",
     "--format",
     "{{if eq .Tag \"v1\"}}A{{else if eq .Tag \"x\"}}B{{else}}C{{end}}"
    ],
    "stdout": "A\nC\n",
    "stderr": "",
    "code": 0
   },
   {
    "args": [
     "images",
     "--format",
     "{{range $i, $e := split .Repository \"/\"}}{{$i}}={{$e}};{{end}}"
    ],
    "stdout": "0=localhost:5000;1=foo;2=bar;\n0=<none>;\n",
    "stderr": "",
    "code": 0
   },
   {
    "args": [
     "images",
     "--format",
     "{{range split .Repository \"/\"}}[{{.}}]{{else}}none{{end}}"
    ],
    "stdout": "[localhost:5000][foo][bar]\n[<none>]\n",
    "stderr": "",
    "code": 0
   },
   {
    "args": [
     "images",
     "--format",
     "{{range $e := split .Repository \"/\"}}{{if eq $e \"foo\"}}{{break}}{{end}}{{$e}}{{end}}"
    ],
    "stdout": "localhost:5000\n<none>\n",
    "stderr": "",
    "code": 0
   },
   {
    "args": [
     "images",
     "--format",
     "{{range split .Repository \"/\"}}{{if eq . \"foo\"}}{{continue}}{{end}}{{.}}{{end}}"
    ],
    "stdout": "localhost:5000bar\n<none>\n",
    "stderr": "",
    "code": 0
   },
   {
    "args": [
     "images",
     "--format",
     "{{with .Tag}}[{{.}}]{{else}}none{{end}}"
    ],
    "stdout": "[v1]\n[<none>]\n",
    "stderr": "",
    "code": 0
   },
   {
    "args": [
     "images",
     "--format",
     "{{with .Digest}}{{.}}{{end}}|{{with \"\"}}x{{else with .Tag}}y{{.}}{{end}}"
    ],
    "stdout": "<none>|yv1\n<none>|y<none>\n",
    "stderr": "",
    "code": 0
   },
   {
    "args": [
     "images",
     "--format",
     "{{printf \"%s|%5d|%-5d|%05d|%v|%q|%x|%X|%-6s|%6s|%.2f|%e|%g|%t|%c|%%|%d\" .Tag 42 42 42 (split .Repository \"/\") .ID 255 \"hi\" .Tag .Tag 3.14159 1234.5678 0.000012 true 65 \"x\"}}"
    ],
    "stdout": "v1|   42|42   |00042|[localhost:5000 foo bar]|\"aaaa1111bbbb\"|ff|6869|v1    |    v1|3.14|1.234568e+03|1.2e-05|true|A|%|%!d(string=x)\n<none>|   42|42   |00042|[<none>]|\"cccc1111bbbb\"|ff|6869|<none>|<none>|3.14|1.234568e+03|1.2e-05|true|A|%|%!d(string=x)\n",
    "stderr": "",
    "code": 0
   },
   {
    "args": [
     "images",
     "--format",
     "{{printf \"%d %s\"}}"
    ],
    "stdout": "%!d(MISSING) %!s(MISSING)\n%!d(MISSING) %!s(MISSING)\n",
    "stderr": "",
    "code": 0
   },
   {
    "args": [
     "images",
     "--format",
     "{{printf \"%s\" 1 2}}"
    ],
    "stdout": "%!s(int=1)%!(EXTRA int=2)\n%!s(int=1)%!(EXTRA int=2)\n",
    "stderr": "",
    "code": 0
   },
   {
    "args": [
     "images",
     "--format",
     "{{- \" x \" -}}"
    ],
    "stdout": " x \n x \n",
    "stderr": "",
    "code": 0
   },
   {
    "args": [
     "images",
     "--format",
     "{{/* c */}}a{{- /* d */ -}} b"
    ],
    "stdout": "ab\nab\n",
    "stderr": "",
    "code": 0
   },
   {
    "args": [
     "images",
     "--format",
     "{{index .ID 0}}"
    ],
    "stdout": "97\n99\n",
    "stderr": "",
    "code": 0
   },
   {
    "args": [
     "images",
     "--format",
     "{{.ID.Foo}}"
    ],
    "stdout": "",
    "stderr": "template parsing error: template: :1:5: executing \"\" at <.ID.Foo>: can't evaluate field Foo in type string\n",
    "code": 1
   },
   {
    "args": [
     "images",
     "--format",
     "{{nil}}"
    ],
    "stdout": "",
    "stderr": "template parsing error: template: :1:2: executing \"\" at <nil>: nil is not a command\n",
    "code": 1
   },
   {
    "args": [
     "images",
     "--format",
     "{{$x := 1}}{{$x}}{{$x = 2}}{{$x}}"
    ],
    "stdout": "12\n12\n",
    "stderr": "",
    "code": 0
   },
   {
    "args": [
     "images",
     "--format",
     "{{range 3}}{{.}}{{end}}"
    ],
    "stdout": "012\n012\n",
    "stderr": "",
    "code": 0
   },
   {
    "args": [
     "images",
     "--format",
     "{{and 1 0}} {{and 1 2}} {{or 0 \"\" \"z\"}} {{or 0 \"\"}} {{not 1}} {{not \"\"}}"
    ],
    "stdout": "0 2 z  false true\n0 2 z  false true\n",
    "stderr": "",
    "code": 0
   },
   {
    "args": [
     "images",
     "--format",
     "{{lt 1 2}} {{le 2 2}} {{gt \"a\" \"b\"}} {{ge \"b\" \"a\"}} {{ne 1 2}} {{eq \"a\" \"b\" \"a\"}}"
    ],
    "stdout": "true true false true true true\ntrue true false true true true\n",
    "stderr": "",
    "code": 0
   },
   {
    "args": [
     "images",
     "--format",
     "{{eq 1 \"a\"}}"
    ],
    "stdout": "",
    "stderr": "template parsing error: template: :1:2: executing \"\" at <eq 1 \"a\">: error calling eq: incompatible types for comparison\n",
    "code": 1
   },
   {
    "args": [
     "images",
     "--format",
     "{{lt true false}}"
    ],
    "stdout": "",
    "stderr": "template parsing error: template: :1:2: executing \"\" at <lt true false>: error calling lt: invalid type for comparison\n",
    "code": 1
   },
   {
    "args": [
     "images",
     "--format",
     "{{eq .ID}}"
    ],
    "stdout": "",
    "stderr": "template parsing error: template: :1:2: executing \"\" at <eq .ID>: error calling eq: missing argument for comparison\n",
    "code": 1
   },
   {
    "args": [
     "images",
     "--format",
     "{{json .Containers}} {{json .Digest}} {{json .}}"
    ],
    "stdout": "\"N/A\" \"<none>\" {\"Containers\":\"N/A\",\"CreatedAt\":\"2020-09-13 12:26:40 +0000 UTC\",\"CreatedSince\":\"6 years ago\",\"Digest\":\"\\u003cnone\\u003e\",\"ID\":\"aaaa1111bbbb\",\"Repository\":\"localhost:5000/foo/bar\",\"SharedSize\":\"N/A\",\"Size\":\"4.26MB\",\"Tag\":\"v1\",\"UniqueSize\":\"N/A\",\"VirtualSize\":\"4.261MB\"}\n\"2\" \"<none>\" {\"Containers\":\"2\",\"CreatedAt\":\"2014-05-13 16:53:20 +0000 UTC\",\"CreatedSince\":\"12 years ago\",\"Digest\":\"\\u003cnone\\u003e\",\"ID\":\"cccc1111bbbb\",\"Repository\":\"\\u003cnone\\u003e\",\"SharedSize\":\"100B\",\"Size\":\"1e+03kB\",\"Tag\":\"\\u003cnone\\u003e\",\"UniqueSize\":\"999.9kB\",\"VirtualSize\":\"1000kB\"}\n",
    "stderr": "",
    "code": 0
   },
   {
    "args": [
     "images",
     "--format",
     "{{if}}x{{end}}"
    ],
    "stdout": "",
    "stderr": "template parsing error: template: :1: missing value for if\n",
    "code": 1
   },
   {
    "args": [
     "images",
     "--format",
     "{{end}}"
    ],
    "stdout": "",
    "stderr": "template parsing error: template: :1: unexpected {{end}}\n",
    "code": 1
   },
   {
    "args": [
     "images",
     "--format",
     "{{else}}"
    ],
    "stdout": "",
    "stderr": "template parsing error: template: :1: unexpected {{else}}\n",
    "code": 1
   },
   {
    "args": [
     "images",
     "--format",
     "{{if .ID}}x"
    ],
    "stdout": "",
    "stderr": "template parsing error: template: :1: unexpected EOF\n",
    "code": 1
   },
   {
    "args": [
     "images",
     "--format",
     "{{foo .ID}}"
    ],
    "stdout": "",
    "stderr": "template parsing error: template: :1: function \"foo\" not defined\n",
    "code": 1
   },
   {
    "args": [
     "images",
     "--format",
     "{{.ID | printf \"%s\" | upper}}"
    ],
    "stdout": "AAAA1111BBBB\nCCCC1111BBBB\n",
    "stderr": "",
    "code": 0
   },
   {
    "args": [
     "images",
     "--format",
     "{{index .ID 100}}"
    ],
    "stdout": "",
    "stderr": "template parsing error: template: :1:2: executing \"\" at <index .ID 100>: error calling index: index out of range: 100\n",
    "code": 1
   },
   {
    "args": [
     "images",
     "--format",
     "{{index (split .ID \"\") \"a\"}}"
    ],
    "stdout": "",
    "stderr": "template parsing error: template: :1:2: executing \"\" at <index (split .ID \"\") \"a\">: error calling index: cannot index slice/array with type string\n",
    "code": 1
   },
   {
    "args": [
     "images",
     "--format",
     "{{\"a\" | .ID}}"
    ],
    "stdout": "",
    "stderr": "template parsing error: template: :1:8: executing \"\" at <.ID>: wrong number of args for ID: want 0 got 1\n",
    "code": 1
   },
   {
    "args": [
     "images",
     "--format",
     "{{$y}}"
    ],
    "stdout": "",
    "stderr": "template parsing error: template: :1: undefined variable \"$y\"\n",
    "code": 1
   },
   {
    "args": [
     "images",
     "--format",
     "{{.ID \"x\"}}"
    ],
    "stdout": "",
    "stderr": "template parsing error: template: :1:2: executing \"\" at <.ID>: wrong number of args for ID: want 0 got 1\n",
    "code": 1
   },
   {
    "args": [
     "images",
     "--format",
     "{{len 3}}"
    ],
    "stdout": "",
    "stderr": "template parsing error: template: :1:2: executing \"\" at <len 3>: error calling len: len of type int\n",
    "code": 1
   },
   {
    "args": [
     "images",
     "--format",
     "{{html \"<a href='x'>&\"}} {{urlquery \"a b&c/d\"}}"
    ],
    "stdout": "&lt;a href=&#39;x&#39;&gt;&amp; a+b%26c%2Fd\n&lt;a href=&#39;x&#39;&gt;&amp; a+b%26c%2Fd\n",
    "stderr": "",
    "code": 0
   },
   {
    "args": [
     "images",
     "--format",
     "{{print 1 2 \"a\" 3 \"b\" \"c\" true false}}"
    ],
    "stdout": "1 2a3bctrue false\n1 2a3bctrue false\n",
    "stderr": "",
    "code": 0
   },
   {
    "args": [
     "images",
     "--format",
     "{{1.5}} {{1e3}} {{0x10}} {{010}} {{-3}} {{'a'}} {{1_000}}"
    ],
    "stdout": "1.5 1000 16 8 -3 97 1000\n1.5 1000 16 8 -3 97 1000\n",
    "stderr": "",
    "code": 0
   },
   {
    "args": [
     "images",
     "--format",
     "{{\"\\u00e9\\t\\x41\\101\\\\\"}}"
    ],
    "stdout": "é\tAA\\\né\tAA\\\n",
    "stderr": "",
    "code": 0
   },
   {
    "args": [
     "images",
     "--format",
     "{{`raw\\n`}}"
    ],
    "stdout": "raw\n\nraw\n\n",
    "stderr": "",
    "code": 0
   },
   {
    "args": [
     "images",
     "--format",
     "{{true}} {{false}}"
    ],
    "stdout": "true false\ntrue false\n",
    "stderr": "",
    "code": 0
   },
   {
    "args": [
     "images",
     "--format",
     "{{\"a\" \"b\"}}"
    ],
    "stdout": "",
    "stderr": "template parsing error: template: :1:2: executing \"\" at <\"a\">: can't give argument to non-function \"a\"\n",
    "code": 1
   },
   {
    "args": [
     "images",
     "--format",
     "{{.ID | len | printf \"%d\"}}"
    ],
    "stdout": "12\n12\n",
    "stderr": "",
    "code": 0
   },
   {
    "args": [
     "images",
     "--format",
     "{{(split .Repository \"/\").Foo}}"
    ],
    "stdout": "",
    "stderr": "template parsing error: template: :1:21: executing \"\" at <\"/\">: can't evaluate field Foo in type []string\n",
    "code": 1
   },
   {
    "args": [
     "images",
     "--format",
     "{{upper 1}}"
    ],
    "stdout": "",
    "stderr": "template parsing error: template: :1:8: executing \"\" at <1>: expected string; found 1\n",
    "code": 1
   },
   {
    "args": [
     "images",
     "--format",
     "{{upper .Containers | lower}}"
    ],
    "stdout": "n/a\n2\n",
    "stderr": "",
    "code": 0
   },
   {
    "args": [
     "images",
     "--format",
     "{{truncate .ID \"x\"}}"
    ],
    "stdout": "",
    "stderr": "template parsing error: template: :1:15: executing \"\" at <\"x\">: expected integer; found \"x\"\n",
    "code": 1
   },
   {
    "args": [
     "images",
     "--format",
     "{{pad .ID 1}}"
    ],
    "stdout": "",
    "stderr": "template parsing error: template: :1:2: executing \"\" at <pad>: wrong number of args for pad: want 3 got 2\n",
    "code": 1
   },
   {
    "args": [
     "images",
     "--format",
     "{{join .ID \",\"}}"
    ],
    "stdout": "",
    "stderr": "template parsing error: template: :1:7: executing \"\" at <.ID>: wrong type for value; expected []string; got string\n",
    "code": 1
   },
   {
    "args": [
     "images",
     "--format",
     "{{split .ID}}"
    ],
    "stdout": "",
    "stderr": "template parsing error: template: :1:2: executing \"\" at <split>: wrong number of args for split: want 2 got 1\n",
    "code": 1
   },
   {
    "args": [
     "images",
     "--format",
     "{{.ID | }}"
    ],
    "stdout": "aaaa1111bbbb\ncccc1111bbbb\n",
    "stderr": "",
    "code": 0
   },
   {
    "args": [
     "images",
     "--format",
     "{{ .ID . }}"
    ],
    "stdout": "",
    "stderr": "template parsing error: template: :1:3: executing \"\" at <.ID>: wrong number of args for ID: want 0 got 1\n",
    "code": 1
   },
   {
    "args": [
     "images",
     "--format",
     "{{\"a\" | \"b\"}}"
    ],
    "stdout": "",
    "stderr": "template parsing error: template: :1: non executable command in pipeline stage 2\n",
    "code": 1
   },
   {
    "args": [
     "images",
     "--format",
     "{{range .ID}}{{end}}"
    ],
    "stdout": "",
    "stderr": "template parsing error: template: :1:8: executing \"\" at <.ID>: range can't iterate over aaaa1111bbbb\n",
    "code": 1
   },
   {
    "args": [
     "images",
     "--format",
     "{{with $x := .Tag}}{{$x}}{{end}}{{$x}}"
    ],
    "stdout": "",
    "stderr": "template parsing error: template: :1: undefined variable \"$x\"\n",
    "code": 1
   },
   {
    "args": [
     "images",
     "--format",
     "{{$a, $b := 1}}"
    ],
    "stdout": "",
    "stderr": "template parsing error: template: :1: too many declarations in command\n",
    "code": 1
   },
   {
    "args": [
     "images",
     "--format",
     "{{range $a, $b, $c := 1}}{{end}}"
    ],
    "stdout": "",
    "stderr": "template parsing error: template: :1: too many declarations in range\n",
    "code": 1
   },
   {
    "args": [
     "images",
     "--format",
     "{{!}}"
    ],
    "stdout": "",
    "stderr": "template parsing error: template: :1: unexpected \"!\" in command\n",
    "code": 1
   },
   {
    "args": [
     "images",
     "--format",
     "{{.ID!}}"
    ],
    "stdout": "",
    "stderr": "template parsing error: template: :1: bad character U+0021 '!'\n",
    "code": 1
   },
   {
    "args": [
     "images",
     "--format",
     "{{\"abc}}"
    ],
    "stdout": "",
    "stderr": "template parsing error: template: :1: unterminated quoted string\n",
    "code": 1
   },
   {
    "args": [
     "images",
     "--format",
     "{{(.ID}}"
    ],
    "stdout": "",
    "stderr": "template parsing error: template: :1: unclosed left paren\n",
    "code": 1
   },
   {
    "args": [
     "images",
     "--format",
     "{{.ID)}}"
    ],
    "stdout": "",
    "stderr": "template parsing error: template: :1: unexpected right paren\n",
    "code": 1
   },
   {
    "args": [
     "images",
     "--format",
     "{{12abc}}"
    ],
    "stdout": "",
    "stderr": "template parsing error: template: :1: bad number syntax: \"12a\"\n",
    "code": 1
   },
   {
    "args": [
     "images",
     "--format",
     "{{index}}"
    ],
    "stdout": "",
    "stderr": "template parsing error: template: :1:2: executing \"\" at <index>: wrong number of args for index: want at least 1 got 0\n",
    "code": 1
   },
   {
    "args": [
     "images",
     "--format",
     "{{index .ID}}"
    ],
    "stdout": "aaaa1111bbbb\ncccc1111bbbb\n",
    "stderr": "",
    "code": 0
   },
   {
    "args": [
     "images",
     "--format",
     "{{not}}"
    ],
    "stdout": "",
    "stderr": "template parsing error: template: :1:2: executing \"\" at <not>: wrong number of args for not: want 1 got 0\n",
    "code": 1
   },
   {
    "args": [
     "images",
     "--format",
     "{{print}}|{{println}}|"
    ],
    "stdout": "|\n|\n|\n|\n",
    "stderr": "",
    "code": 0
   },
   {
    "args": [
     "images",
     "--format",
     "{{printf \"%08.3f|%+d|% d|%x|%o\" 3.14159 5 5 \"hi\" 8}}"
    ],
    "stdout": "0003.142|+5| 5|6869|10\n0003.142|+5| 5|6869|10\n",
    "stderr": "",
    "code": 0
   },
   {
    "args": [
     "images",
     "--format",
     "{{printf \"%5.1s|%-3q|%#x\" \"abc\" \"a\" 255}}"
    ],
    "stdout": "    a|\"a\"|0xff\n    a|\"a\"|0xff\n",
    "stderr": "",
    "code": 0
   },
   {
    "args": [
     "images",
     "--format",
     "{{len (index (split .Repository \"/\") 1)}}"
    ],
    "stdout": "",
    "stderr": "template parsing error: template: :1:7: executing \"\" at <index (split .Repository \"/\") 1>: error calling index: reflect: slice index out of range\n",
    "code": 1
   },
   {
    "args": [
     "images",
     "--format",
     "{{eq (len .ID) 12}}"
    ],
    "stdout": "true\ntrue\n",
    "stderr": "",
    "code": 0
   },
   {
    "args": [
     "images",
     "--format",
     "{{if and .ID (eq .Tag \"v1\")}}yes{{end}}"
    ],
    "stdout": "yes\n\n",
    "stderr": "",
    "code": 0
   },
   {
    "args": [
     "images",
     "--format",
     "{{if or (eq .Tag \"x\") (eq .Tag \"v1\")}}yes{{end}}"
    ],
    "stdout": "yes\n\n",
    "stderr": "",
    "code": 0
   },
   {
    "args": [
     "images",
     "--format",
     "{{slice .ID 1 3}}"
    ],
    "stdout": "aa\ncc\n",
    "stderr": "",
    "code": 0
   },
   {
    "args": [
     "images",
     "--format",
     "{{range $i := 2}}{{$i}}{{end}}"
    ],
    "stdout": "01\n01\n",
    "stderr": "",
    "code": 0
   },
   {
    "args": [
     "images",
     "--format",
     "{{title \"hello world-foo_bar baz.qux\"}}"
    ],
    "stdout": "Hello World-Foo_bar Baz.Qux\nHello World-Foo_bar Baz.Qux\n",
    "stderr": "",
    "code": 0
   },
   {
    "args": [
     "images",
     "--format",
     "{{lower \"ÀB\"}} {{upper \"àb\"}}"
    ],
    "stdout": "àb ÀB\nàb ÀB\n",
    "stderr": "",
    "code": 0
   }
  ],
  "dfFull": [
   {
    "args": [
     "system",
     "df"
    ],
    "stdout": "TYPE            TOTAL     ACTIVE    SIZE      RECLAIMABLE\nImages          0         0         0B        0B\nContainers      2         1         4kB       3kB (75%)\nLocal Volumes   3         1         2kB       1.5kB (75%)\nBuild Cache     3         1         300B      200B\n",
    "stderr": "",
    "code": 0
   },
   {
    "args": [
     "system",
     "df",
     "-v"
    ],
    "stdout": "Images space usage:\n\nREPOSITORY   TAG       IMAGE ID   CREATED   SIZE      SHARED SIZE   UNIQUE SIZE   CONTAINERS\n\nContainers space usage:\n\nCONTAINER ID   IMAGE          COMMAND                  LOCAL VOLUMES   SIZE      CREATED       STATUS                  NAMES\naaaaaaaaaaaa   nginx:latest   \"nginx -g 'daemon of…\"   1               1kB       3 years ago   Up 2 hours              web\nbbbbbbbbbbbb   dddddddddddd   \"postgres\"               0               3kB       6 years ago   Exited (0) 3 days ago   db\n\nLocal Volumes space usage:\n\nVOLUME NAME   LINKS     SIZE\nv1            1         500B\nv2            0         1.5kB\nv3            0         -1B\n\nBuild cache usage: 300B\n\nCACHE ID        CACHE TYPE     SIZE      CREATED       LAST USED     USAGE     SHARED\nc2              source.local   200B      6 years ago                 0         false\nc3              regular        400B      6 years ago                 1         true\nc1abcdefghij*   regular        100B      6 years ago   5 years ago   3         false\n",
    "stderr": "",
    "code": 0
   },
   {
    "args": [
     "system",
     "df",
     "-v",
     "--format",
     "{{json .}}"
    ],
    "stdout": "{\"Images\":[],\"Containers\":[{\"Command\":\"\\\"nginx -g 'daemon off;' --with-a-very-long-argument\\\"\",\"CreatedAt\":\"2023-11-14 22:13:20 +0000 UTC\",\"ID\":\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\",\"Image\":\"nginx:latest\",\"Labels\":\"a=1,b=2\",\"LocalVolumes\":\"1\",\"Mounts\":\"v1\",\"Names\":\"web,other/link\",\"Networks\":\"\",\"Platform\":null,\"Ports\":\"\",\"RunningFor\":\"3 years ago\",\"Size\":\"1kB\",\"State\":\"running\",\"Status\":\"Up 2 hours\"},{\"Command\":\"\\\"postgres\\\"\",\"CreatedAt\":\"2020-09-13 12:26:40 +0000 UTC\",\"ID\":\"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\",\"Image\":\"sha256:dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd\",\"Labels\":\"\",\"LocalVolumes\":\"0\",\"Mounts\":\"\",\"Names\":\"db\",\"Networks\":\"\",\"Platform\":null,\"Ports\":\"\",\"RunningFor\":\"6 years ago\",\"Size\":\"3kB\",\"State\":\"exited\",\"Status\":\"Exited (0) 3 days ago\"}],\"Volumes\":[{\"Availability\":\"N/A\",\"Driver\":\"local\",\"Group\":\"N/A\",\"Labels\":\"\",\"Links\":\"1\",\"Mountpoint\":\"/x\",\"Name\":\"v1\",\"Scope\":\"local\",\"Size\":\"500B\",\"Status\":\"N/A\"},{\"Availability\":\"N/A\",\"Driver\":\"local\",\"Group\":\"N/A\",\"Labels\":\"k=v\",\"Links\":\"0\",\"Mountpoint\":\"/y\",\"Name\":\"v2\",\"Scope\":\"local\",\"Size\":\"1.5kB\",\"Status\":\"N/A\"},{\"Availability\":\"N/A\",\"Driver\":\"local\",\"Group\":\"N/A\",\"Labels\":\"\",\"Links\":\"0\",\"Mountpoint\":\"/z\",\"Name\":\"v3\",\"Scope\":\"local\",\"Size\":\"-1B\",\"Status\":\"N/A\"}],\"BuildCache\":[{\"CacheType\":\"source.local\",\"CreatedAt\":\"2020-01-01 00:00:00 +0000 UTC\",\"CreatedSince\":\"6 years ago\",\"Description\":\"\",\"ID\":\"c2\",\"InUse\":\"false\",\"LastUsedAt\":\"\",\"LastUsedSince\":\"\",\"Parent\":\"\",\"Shared\":\"false\",\"Size\":\"200B\",\"UsageCount\":\"0\"},{\"CacheType\":\"regular\",\"CreatedAt\":\"2020-01-01 00:00:00 +0000 UTC\",\"CreatedSince\":\"6 years ago\",\"Description\":\"\",\"ID\":\"c3\",\"InUse\":\"false\",\"LastUsedAt\":\"\",\"LastUsedSince\":\"\",\"Parent\":\"\",\"Shared\":\"true\",\"Size\":\"400B\",\"UsageCount\":\"1\"},{\"CacheType\":\"regular\",\"CreatedAt\":\"2020-01-01 00:00:00 +0000 UTC\",\"CreatedSince\":\"6 years ago\",\"Description\":\"a description\",\"ID\":\"c1abcdefghijklmnopqrstuvwxyz*\",\"InUse\":\"true\",\"LastUsedAt\":\"2021-01-01 00:00:00 +0000 UTC\",\"LastUsedSince\":\"5 years ago\",\"Parent\":\"\",\"Shared\":\"false\",\"Size\":\"100B\",\"UsageCount\":\"3\"}]}",
    "stderr": "",
    "code": 0
   },
   {
    "args": [
     "system",
     "df",
     "--format",
     "json"
    ],
    "stdout": "{\"Active\":\"0\",\"Reclaimable\":\"0B\",\"Size\":\"0B\",\"TotalCount\":\"0\",\"Type\":\"Images\"}\n{\"Active\":\"1\",\"Reclaimable\":\"3kB (75%)\",\"Size\":\"4kB\",\"TotalCount\":\"2\",\"Type\":\"Containers\"}\n{\"Active\":\"1\",\"Reclaimable\":\"1.5kB (75%)\",\"Size\":\"2kB\",\"TotalCount\":\"3\",\"Type\":\"Local Volumes\"}\n{\"Active\":\"1\",\"Reclaimable\":\"200B\",\"Size\":\"300B\",\"TotalCount\":\"3\",\"Type\":\"Build Cache\"}\n",
    "stderr": "",
    "code": 0
   },
   {
    "args": [
     "system",
     "df",
     "-v",
     "--format",
     "{{range .Containers}}{{.Names}} {{.Size}} {{.Mounts}} {{.Labels}} {{.Command}} {{.LocalVolumes}}\\n{{end}}{{range .Volumes}}{{.Name}} {{.Links}} {{.Size}} {{.Labels}}\\n{{end}}"
    ],
    "stdout": "web,other/link 1kB v1 a=1,b=2 \"nginx -g 'daemon off;' --with-a-very-long-argument\" 1\ndb 3kB   \"postgres\" 0\nv1 1 500B \nv2 0 1.5kB k=v\nv3 0 -1B \n",
    "stderr": "",
    "code": 0
   }
  ]
 },
 "dataUsageFull": {
  "LayersSize": 0,
  "Images": [],
  "Containers": [
   {
    "Id": "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
    "Names": [
     "/web",
     "/other/link"
    ],
    "Image": "nginx:latest",
    "ImageID": "sha256:cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc",
    "Command": "nginx -g 'daemon off;' --with-a-very-long-argument",
    "Created": 1700000000,
    "State": "running",
    "Status": "Up 2 hours",
    "SizeRw": 1000,
    "SizeRootFs": 5000,
    "Mounts": [
     {
      "Type": "volume",
      "Name": "v1",
      "Source": "/var/lib/x",
      "Driver": "local"
     }
    ],
    "Labels": {
     "b": "2",
     "a": "1"
    }
   },
   {
    "Id": "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
    "Names": [
     "/db"
    ],
    "Image": "sha256:dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd",
    "ImageID": "sha256:dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd",
    "Command": "postgres",
    "Created": 1600000000,
    "State": "exited",
    "Status": "Exited (0) 3 days ago",
    "SizeRw": 3000,
    "Mounts": []
   }
  ],
  "Volumes": [
   {
    "Name": "v1",
    "Driver": "local",
    "Mountpoint": "/x",
    "Scope": "local",
    "Labels": null,
    "UsageData": {
     "RefCount": 1,
     "Size": 500
    }
   },
   {
    "Name": "v2",
    "Driver": "local",
    "Mountpoint": "/y",
    "Scope": "local",
    "Labels": {
     "k": "v"
    },
    "UsageData": {
     "RefCount": 0,
     "Size": 1500
    }
   },
   {
    "Name": "v3",
    "Driver": "local",
    "Mountpoint": "/z",
    "Scope": "local",
    "UsageData": {
     "RefCount": 0,
     "Size": -1
    }
   }
  ],
  "BuildCache": [
   {
    "ID": "c1abcdefghijklmnopqrstuvwxyz",
    "Type": "regular",
    "Description": "a description",
    "Size": 100,
    "InUse": true,
    "Shared": false,
    "CreatedAt": "2020-01-01T00:00:00Z",
    "LastUsedAt": "2021-01-01T00:00:00Z",
    "UsageCount": 3
   },
   {
    "ID": "c2",
    "Type": "source.local",
    "Size": 200,
    "InUse": false,
    "Shared": false,
    "CreatedAt": "2020-01-01T00:00:00Z",
    "LastUsedAt": null,
    "UsageCount": 0
   },
   {
    "ID": "c3",
    "Type": "regular",
    "Size": 400,
    "InUse": false,
    "Shared": true,
    "CreatedAt": "2020-01-01T00:00:00Z",
    "UsageCount": 1
   }
  ]
 }
};
