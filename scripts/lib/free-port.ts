import net from "node:net";

function listenOn(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(port, "127.0.0.1", () => {
      const { port: bound } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(bound));
    });
  });
}

/** `preferred` when nothing listens there, otherwise a port the system picks. */
export async function freePort(preferred: number): Promise<number> {
  try {
    return await listenOn(preferred);
  } catch {
    return listenOn(0);
  }
}
