import { createConnection } from 'node:net';
import { WebSocketServer } from 'ws';

/**
 * The piece Neon runs in production: WebSocket in, Postgres wire protocol out over TCP. `@neondatabase/serverless`
 * asks for `/v2?address=host:port`; we ignore the address and always dial `target`, so the proxy can reach only
 * the one database it was started for.
 */
export function startWsProxy(opts: { port: number; host?: string; target: { host: string; port: number } }) {
  const wss = new WebSocketServer({ port: opts.port, host: opts.host ?? '127.0.0.1' });
  wss.on('connection', (ws) => {
    const tcp = createConnection(opts.target);
    const pending: Buffer[] = [];
    tcp.on('connect', () => {
      for (const chunk of pending) tcp.write(chunk);
      pending.length = 0;
    });
    ws.on('message', (data: Buffer) => {
      if (tcp.connecting) pending.push(data);
      else tcp.write(data);
      // The client said goodbye (Terminate: 'X', length 4). Workers do not always close their end of the
      // WebSocket after that, and a connection left open here is one the database keeps open too.
      if (data.length === 5 && data[0] === 0x58 && data.readInt32BE(1) === 4) {
        tcp.end();
        ws.close();
      }
    });
    tcp.on('data', (data) => ws.readyState === ws.OPEN && ws.send(data));
    const closeBoth = () => {
      tcp.destroy();
      if (ws.readyState === ws.OPEN || ws.readyState === ws.CONNECTING) ws.close();
    };
    ws.on('close', closeBoth);
    ws.on('error', closeBoth);
    tcp.on('close', closeBoth);
    tcp.on('error', closeBoth);
  });
  return new Promise<{ close(): Promise<void> }>((resolve, reject) => {
    wss.once('error', reject);
    wss.once('listening', () =>
      resolve({
        close: () =>
          new Promise<void>((done) => {
            for (const client of wss.clients) client.terminate();
            wss.close(() => done());
          }),
      }),
    );
  });
}
