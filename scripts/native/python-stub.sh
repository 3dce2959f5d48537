#!/usr/bin/env bash
# Builds libtfjs_pystub.so: one definition for every Python C-API symbol that the wheel's
# _pywrap_tensorflow_internal.so leaves undefined. The TensorFlow C API inside that library never calls
# Python, but the dynamic loader must still resolve those names (type objects and exception pointers
# are data relocations, bound at load time), and Node has no libpython. Data symbols become zeroed
# storage; functions abort loudly if the impossible happens.
# usage: python-stub.sh PYWRAP_SO OUT_DIR   → OUT_DIR/libtfjs_pystub.so
set -euo pipefail
pywrap=$1
out=$2
mkdir -p "$out"
symbols=$(readelf --dyn-syms -W "$pywrap" | awk '$7 == "UND" { sub(/@.*/, "", $8); print $8 }' | { grep -E '^_?Py' || true; } | sort -u)
if [ -z "$symbols" ]; then
  echo "no undefined Python symbols in $pywrap: unexpected wheel layout" >&2
  exit 1
fi
{
  echo '#include <stdio.h>'
  echo '#include <stdlib.h>'
  echo 'static void unreachable(const char *name) {'
  # shellcheck disable=SC2028 # the \n is C source, written literally
  echo '  fprintf(stderr, "tripletlens: TensorFlow called Python (%s) which does not exist here\n", name);'
  echo '  abort();'
  echo '}'
  for s in $symbols; do
    # Type objects, exception pointers and the None/True/False/NotImplemented singletons are data.
    if [[ $s =~ _Type$|^PyExc_|Struct$ ]]; then
      echo "char ${s}[512];"
    else
      echo "void $s(void) { unreachable(\"$s\"); }"
    fi
  done
} > "$out/pystub.c"
gcc -shared -fPIC -O1 -Wl,-soname,libtfjs_pystub.so -o "$out/libtfjs_pystub.so.tmp" "$out/pystub.c"
mv "$out/libtfjs_pystub.so.tmp" "$out/libtfjs_pystub.so"
echo "stubbed $(wc -w <<< "$symbols") Python symbols"
