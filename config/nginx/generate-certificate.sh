#!/bin/sh
# Runs from nginx's /docker-entrypoint.d/ at every start: makes a self-signed certificate once, when none is there.
# Put a real certificate (stride.crt / stride.key) in the nginx-certs volume for production.
set -eu
dir=${STRIDE_CERT_DIR:-/etc/nginx/certs}
[ -s "$dir/stride.crt" ] && [ -s "$dir/stride.key" ] && exit 0
command -v openssl >/dev/null 2>&1 || apk add --no-cache openssl >/dev/null
mkdir -p "$dir"
openssl req -x509 -nodes -newkey rsa:2048 -days 825 -subj "/CN=${STRIDE_HOSTNAME:-localhost}" \
    -addext "subjectAltName=DNS:${STRIDE_HOSTNAME:-localhost},IP:127.0.0.1" \
    -keyout "$dir/stride.key" -out "$dir/stride.crt"
echo "generate-certificate: self-signed certificate for ${STRIDE_HOSTNAME:-localhost} written to $dir"
