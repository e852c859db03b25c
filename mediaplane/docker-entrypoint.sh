#!/bin/sh
# Media node container entrypoint: learns the public IP to advertise when asked to, then becomes the
# dotnet process (exec) so SIGTERM reaches the host's drain directly.
set -eu

# SIPCUBE_IMDS_URL only exists for the entrypoint test, which serves a fake metadata service on loopback.
imds="${SIPCUBE_IMDS_URL:-http://169.254.169.254/metadata}"

# Asks the Azure Instance Metadata Service for this VM's public IP, the way the Azure cloud provider does:
# the NIC's instance-level address first (set for Basic SKU IPs), then the load balancer view, which is
# where Standard SKU node public IPs (AKS enableNodePublicIP) appear next to the cluster's outbound IPs:
# SIPCUBE_PUBLIC_IP_PREFIX (the node pool's public IP prefix) picks the node's own address among them.
azure_public_ip() {
  ip=$(curl -fsS --max-time 5 --retry 5 --retry-delay 2 --retry-connrefused -H Metadata:true \
    "$imds/instance/network/interface/0/ipv4/ipAddress/0/publicIpAddress?api-version=2021-02-01&format=text" || true)
  if [ -z "$ip" ]; then
    ip=$(curl -fsS --max-time 5 --retry 5 --retry-delay 2 --retry-connrefused -H Metadata:true \
      "$imds/loadbalancer?api-version=2021-02-01" \
      | jq -r --arg prefix "${SIPCUBE_PUBLIC_IP_PREFIX:-0.0.0.0/0}" '
          def num: split(".") | map(tonumber) | .[0] * 16777216 + .[1] * 65536 + .[2] * 256 + .[3];
          ($prefix | split("/")) as $p | ($p[0] | num) as $base | pow(2; 32 - ($p[1] | tonumber)) as $size
          | [.loadbalancer.publicIpAddresses[]?.frontendIpAddress | select(. != null and . != "")
             | select((num) >= $base and (num) < $base + $size)][0] // empty' || true)
  fi
  printf '%s' "$ip"
}

# An IPv4 address as a number (POSIX sh arithmetic is at least 64-bit on the shells we run).
ip_number() {
  old_ifs=$IFS; IFS=.
  # shellcheck disable=SC2086 # splitting on dots is the point
  set -- $1
  IFS=$old_ifs
  echo $(( ($1 << 24) + ($2 << 16) + ($3 << 8) + $4 ))
}

if [ -z "${SipCube__Sip__PublicAddress:-}" ] && [ "${SIPCUBE_PUBLIC_IP_SOURCE:-}" = "azure-imds" ]; then
  address=$(azure_public_ip)
  if [ -z "$address" ]; then
    echo "sipcube: no public IP from the instance metadata service; set SipCube__Sip__PublicAddress" >&2
    exit 1
  fi
  echo "sipcube: advertising public address $address"
  export SipCube__Sip__PublicAddress="$address"
fi

# The node id is the address's index in the prefix: unique among live nodes, and one of the `control`
# subscriptions the deployment created (node-0 .. node-<prefix size - 1>).
if [ -z "${SipCube__Bus__ServiceBus__NodeId:-}" ] && [ -n "${SIPCUBE_PUBLIC_IP_PREFIX:-}" ] \
   && [ -n "${SipCube__Sip__PublicAddress:-}" ]; then
  index=$(( $(ip_number "$SipCube__Sip__PublicAddress") - $(ip_number "${SIPCUBE_PUBLIC_IP_PREFIX%/*}") ))
  size=$(( 1 << (32 - ${SIPCUBE_PUBLIC_IP_PREFIX#*/}) ))
  if [ "$index" -lt 0 ] || [ "$index" -ge "$size" ]; then
    echo "sipcube: public address $SipCube__Sip__PublicAddress is outside $SIPCUBE_PUBLIC_IP_PREFIX" >&2
    exit 1
  fi
  export SipCube__Bus__ServiceBus__NodeId="node-$index"
  echo "sipcube: node id $SipCube__Bus__ServiceBus__NodeId"
fi

exec "${SIPCUBE_DOTNET:-dotnet}" /app/SipCube.MediaNode.dll "$@"
