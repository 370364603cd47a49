import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';

export interface TemporalConnections {
  client: Client;
  /** For workers. */
  nativeConnection: NativeConnection;
  namespace: string;
  close(): Promise<void>;
}

export async function connectTemporal(address: string, namespace: string): Promise<TemporalConnections> {
  const [nativeConnection, connection] = await Promise.all([
    NativeConnection.connect({ address }),
    Connection.connect({ address }),
  ]);
  return {
    client: new Client({ connection, namespace }),
    nativeConnection,
    namespace,
    async close() {
      await nativeConnection.close();
      await connection.close();
    },
  };
}
