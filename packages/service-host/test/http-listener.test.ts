import express from 'express';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { listenHttp } from '../src/http-listener';

describe('listenHttp', () => {
  it('listens on a free port and says where', async () => {
    const listener = await listenHttp(express(), { port: 0, host: '127.0.0.1' });
    try {
      expect(listener.port).toBeGreaterThan(0);
      expect(listener.url).toBe(`http://127.0.0.1:${listener.port}/graphql`);
    } finally {
      await listener.close();
    }
  });

  it('refuses to start, with the reason, when the port is taken', async () => {
    const taken: Server = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const { port } = taken.address() as AddressInfo;
    try {
      await expect(listenHttp(express(), { port, host: '127.0.0.1' })).rejects.toMatchObject({ code: 'EADDRINUSE' });
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });
});
