{
  "targets": [
    {
      "target_name": "qfcn_native",
      "sources": [
        "native/addon.cc",
        "native/common.cc",
        "native/conv.cc",
        "native/elementwise.cc",
        "native/matmul.cc",
        "native/pool.cc"
      ],
      "cflags_cc!": ["-fno-exceptions", "-std=gnu++14", "-std=gnu++17"],
      "cflags_cc": ["-std=c++17", "-fexceptions", "-O3", "-fopenmp"],
      "ldflags": ["-fopenmp"],
      "libraries": ["-ldnnl", "-lgomp"],
      "defines": ["NAPI_VERSION=8"]
    }
  ]
}
