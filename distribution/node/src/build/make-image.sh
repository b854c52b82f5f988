#!/usr/bin/env bash
# Links the node's runtime image and adds the launcher and the plugins folder.
# Usage: make-image.sh <java.home> <module dir> <modules,comma,separated> <image files> <output>
set -euo pipefail
java_home=$1 modules=$2 add_modules=$3 image_files=$4 output=$5

rm -rf "$output"
"$java_home/bin/jlink" \
  --module-path "$modules" \
  --add-modules "$add_modules" \
  --ignore-signing-information \
  --strip-debug --no-header-files --no-man-pages \
  --output "$output"
cp -R "$image_files"/. "$output"/
chmod +x "$output/bin/logos-delivery"
echo "runtime image: $output (launcher: $output/bin/logos-delivery)"
