#!/bin/sh
# Installs the Debian packages the build and the tests need, only when one is missing:
# chromium (browser tests), fonts-noto-cjk (Chinese glyphs in PDFs), poppler-utils
# (reading PDFs back), Pango (WeasyPrint's text layout), nginx (the tested server setup,
# make serve-nginx; Debian starts its service on port 80 when installing it), LibreOffice
# Calc and its Python bridge (a real second program that fills the report forms in
# tests/test_forms.py), Java (the W3C HTML checker).
set -eu
need=""
command -v chromium >/dev/null 2>&1 || need="$need chromium"
fc-list 2>/dev/null | grep -q "Noto Sans CJK SC" || need="$need fonts-noto-cjk"
command -v pdftotext >/dev/null 2>&1 || need="$need poppler-utils"
[ -x /usr/sbin/nginx ] || command -v nginx >/dev/null 2>&1 || need="$need nginx"
command -v soffice >/dev/null 2>&1 || need="$need libreoffice-calc-nogui"
dpkg -s python3-uno >/dev/null 2>&1 || need="$need python3-uno"
command -v java >/dev/null 2>&1 || need="$need default-jre-headless"
for lib in libpango-1.0-0 libpangoft2-1.0-0; do
  dpkg -s "$lib" >/dev/null 2>&1 || need="$need $lib"
done
[ -z "$need" ] && exit 0
echo "Installing Debian packages:$need"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $need
