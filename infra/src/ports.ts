import { StackConfig, sipTcpPort, sipTlsPort, sipUdpPort } from "./config";

/** One inbound port range a media node must receive from the Internet. */
export interface MediaPort {
  name: string;
  protocol: "Udp" | "Tcp";
  from: number;
  to: number;
}

/**
 * The complete list of inbound ports for media nodes: SIP over UDP/TCP (RFC 3261 §18), SIP over TLS
 * (RFC 3261 §26.2) and the RTP range (RFC 3550). The NSG, the AKS pool's allowed host ports and the
 * DaemonSet are all generated from this one list, so they cannot drift apart.
 */
export function mediaPorts(c: Pick<StackConfig, "rtpPortMin" | "rtpPortMax">): MediaPort[] {
  return [
    { name: "sip-udp", protocol: "Udp", from: sipUdpPort, to: sipUdpPort },
    { name: "sip-tcp", protocol: "Tcp", from: sipTcpPort, to: sipTcpPort },
    { name: "sip-tls", protocol: "Tcp", from: sipTlsPort, to: sipTlsPort },
    { name: "rtp-udp", protocol: "Udp", from: c.rtpPortMin, to: c.rtpPortMax },
  ];
}

/** NSG rule syntax: a single port or "from-to". */
export function portRangeText(p: MediaPort): string {
  return p.from === p.to ? `${p.from}` : `${p.from}-${p.to}`;
}
