import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { GrpcServerTls } from '@chatbi/dialogue';
import { isReadableFile } from './readable-file';

/** TLS of the gRPC API (embedded CHATBI_GRPC_PORT and dialogue's GRPC_PORT); part of the ChatBI configuration. */
export const grpcTlsConfigShape = {
  /** A PEM server certificate (chain) for the gRPC API; with CHATBI_GRPC_TLS_KEY_FILE it serves TLS only. Unset: plaintext. */
  CHATBI_GRPC_TLS_CERT_FILE: z.string().min(1).optional(),
  /** The PEM private key of CHATBI_GRPC_TLS_CERT_FILE. */
  CHATBI_GRPC_TLS_KEY_FILE: z.string().min(1).optional(),
  /** A PEM CA file: gRPC clients must then present a certificate it signed (mutual TLS). */
  CHATBI_GRPC_TLS_CLIENT_CA_FILE: z.string().min(1).optional(),
};

type GrpcTlsConfig = z.infer<z.ZodObject<typeof grpcTlsConfigShape>>;

export function checkGrpcTls(config: GrpcTlsConfig, ctx: z.RefinementCtx): void {
  const issue = (path: keyof GrpcTlsConfig, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
  if (Boolean(config.CHATBI_GRPC_TLS_CERT_FILE) !== Boolean(config.CHATBI_GRPC_TLS_KEY_FILE)) {
    issue('CHATBI_GRPC_TLS_KEY_FILE', 'give CHATBI_GRPC_TLS_CERT_FILE and CHATBI_GRPC_TLS_KEY_FILE together');
  }
  if (config.CHATBI_GRPC_TLS_CLIENT_CA_FILE && !config.CHATBI_GRPC_TLS_CERT_FILE) {
    issue('CHATBI_GRPC_TLS_CLIENT_CA_FILE', 'mutual TLS needs the server certificate too (CHATBI_GRPC_TLS_CERT_FILE, CHATBI_GRPC_TLS_KEY_FILE)');
  }
  for (const key of ['CHATBI_GRPC_TLS_CERT_FILE', 'CHATBI_GRPC_TLS_KEY_FILE', 'CHATBI_GRPC_TLS_CLIENT_CA_FILE'] as const) {
    const file = config[key];
    if (file && !isReadableFile(file)) issue(key, `cannot read ${file}`);
  }
}

/** The checked settings with the PEM files read; undefined means plaintext. */
export function grpcTlsOf(config: GrpcTlsConfig): GrpcServerTls | undefined {
  if (!config.CHATBI_GRPC_TLS_CERT_FILE || !config.CHATBI_GRPC_TLS_KEY_FILE) return undefined;
  return {
    cert: readFileSync(config.CHATBI_GRPC_TLS_CERT_FILE),
    key: readFileSync(config.CHATBI_GRPC_TLS_KEY_FILE),
    ...(config.CHATBI_GRPC_TLS_CLIENT_CA_FILE ? { clientCa: readFileSync(config.CHATBI_GRPC_TLS_CLIENT_CA_FILE) } : {}),
  };
}
