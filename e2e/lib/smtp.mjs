// A real SMTP server on loopback for browser tests: Tend's worker delivers to it over SMTP, and
// tests read what arrived (headers and both parts, as raw text).

import { createServer } from 'node:net';

export async function startSmtpSink() {
  const messages = [];
  const server = createServer((socket) => {
    socket.setEncoding('utf8');
    let buffer = '';
    let inData = false;
    let data = '';
    socket.write('220 sink ESMTP ready\r\n');
    socket.on('data', (chunk) => {
      buffer += chunk;
      let index;
      while ((index = buffer.indexOf('\r\n')) >= 0) {
        const line = buffer.slice(0, index);
        buffer = buffer.slice(index + 2);
        if (inData) {
          if (line === '.') {
            messages.push(data);
            data = '';
            inData = false;
            socket.write('250 queued\r\n');
          } else {
            data += (line.startsWith('..') ? line.slice(1) : line) + '\r\n';
          }
          continue;
        }
        const command = line.toUpperCase();
        if (command.startsWith('EHLO')) socket.write('250-sink\r\n250 8BITMIME\r\n');
        else if (command.startsWith('DATA')) {
          inData = true;
          socket.write('354 go ahead\r\n');
        } else if (command.startsWith('QUIT')) {
          socket.end('221 bye\r\n');
        } else socket.write('250 OK\r\n');
      }
    });
    socket.on('error', () => {});
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    /** Waits for a message whose raw text matches `pattern` (up to `timeout` ms). */
    async waitFor(pattern, timeout = 8000) {
      const until = Date.now() + timeout;
      for (;;) {
        const found = messages.find((m) => pattern.test(m));
        if (found) return found;
        if (Date.now() > until) throw new Error(`no email matching ${pattern} within ${timeout} ms`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

/** Undoes quoted-printable soft breaks and escapes, enough to read links in a message. */
export function decodeQuotedPrintable(text) {
  return text.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex) => String.fromCharCode(parseInt(hex, 16)));
}
