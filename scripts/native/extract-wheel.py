"""Extracts from the tensorflow-cpu wheel only what tfjs-node needs (python's zipfile: no unzip needed).

usage: extract-wheel.py WHEEL DEST
Writes DEST/tensorflow/python/_pywrap_tensorflow_internal.so (the TensorFlow C API lives in it),
DEST/tensorflow/libtensorflow_framework.so.2, DEST/tensorflow/include/tensorflow/c/** and the two
tensorflow/core/platform/ctstring*.h headers that tensorflow/c/tf_tstring.h includes.
"""
import sys
import zipfile

WANTED_FILES = {
    "tensorflow/python/_pywrap_tensorflow_internal.so",
    "tensorflow/libtensorflow_framework.so.2",
    "tensorflow/include/tensorflow/core/platform/ctstring.h",
    "tensorflow/include/tensorflow/core/platform/ctstring_internal.h",
}
WANTED_PREFIX = "tensorflow/include/tensorflow/c/"


def main() -> int:
    wheel, dest = sys.argv[1], sys.argv[2]
    with zipfile.ZipFile(wheel) as archive:
        names = [n for n in archive.namelist() if n in WANTED_FILES or (n.startswith(WANTED_PREFIX) and n.endswith(".h"))]
        missing = sorted(WANTED_FILES - set(names))
        if missing:
            print(f"the wheel {wheel} lacks: {', '.join(missing)}", file=sys.stderr)
            return 1
        for name in names:
            archive.extract(name, dest)
    print(f"extracted {len(names)} files")
    return 0


if __name__ == "__main__":
    sys.exit(main())
