# Sourced by scripts/test: the real programs the file tests talk to, installed when missing
# (as root): LibreOffice renders a generated Word form to PDF and poppler's pdftotext reads
# its text back; moto is a real S3-compatible server the storage tests start on a free port,
# aiosmtpd a real SMTP server the delivery tests start likewise.

ensure_test_tools() {
  local need=()
  command -v soffice >/dev/null 2>&1 || need+=(libreoffice-writer-nogui)
  command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
  fc-list 2>/dev/null | grep -qi "noto.*cjk" || need+=(fonts-noto-cjk)
  if [ ${#need[@]} -gt 0 ]; then
    if [ "$(id -u)" != 0 ]; then
      echo "Missing for the file tests: ${need[*]} (Debian packages); install them" >&2
      return 1
    fi
    echo "Installing ${need[*]} from Debian's packages"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq "${need[@]}" >/dev/null
  fi
  if ! command -v moto_server >/dev/null 2>&1 || ! python3 -c "import moto.server, flask_cors" >/dev/null 2>&1; then
    echo "Installing moto[server] (an S3-compatible server for the storage tests)"
    python3 -m pip install -q "moto[server]==5.2.5"
    hash -r
  fi
  if ! python3 -c "import aiosmtpd" >/dev/null 2>&1; then
    echo "Installing aiosmtpd (a real SMTP server for the delivery tests)"
    python3 -m pip install -q "aiosmtpd==1.4.6"
  fi
  echo "LibreOffice, pdftotext, moto_server and aiosmtpd ready"
}
