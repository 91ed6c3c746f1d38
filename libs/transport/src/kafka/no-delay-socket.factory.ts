import * as net from 'node:net';
import * as tls from 'node:tls';
import type { ISocketFactory } from 'kafkajs';

const KEEP_ALIVE_DELAY_MS = 60_000;

/**
 * kafkajs's own sockets leave Nagle's algorithm on. Several requests share one connection (produce,
 * fetch, heartbeat, commit), so a small request written while another is unacknowledged waits for
 * the broker's delayed ACK: about 40 ms per publish on Linux. Requests are whole frames, so there
 * is nothing to gain from coalescing them: send at once.
 */
export const noDelaySocketFactory: ISocketFactory = ({ host, port, ssl, onConnect }) => {
  const socket = ssl
    ? tls.connect({ host, port, ...(net.isIP(host) ? {} : { servername: host }), ...ssl }, onConnect)
    : net.connect({ host, port }, onConnect);
  socket.setNoDelay(true);
  socket.setKeepAlive(true, KEEP_ALIVE_DELAY_MS);
  return socket;
};
