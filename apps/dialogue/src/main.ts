import 'reflect-metadata';
import { TOPICS } from '@chatbi/contracts';
import { ModelsModule } from '@chatbi/models';
import { modelsDirOf } from '../../chatbi/src/config/chatbi.config';
import { grpcTlsOf } from '../../chatbi/src/config/grpc-tls.config';
import { runService } from '../../chatbi/src/distributed/service-runtime';
import { SemanticProgressEdgeModule } from '../../chatbi/src/semantic/semantic-progress-edge.module';
import { AskService } from './ask.service';
import { ChatbiGrpcServer } from './api/grpc/chatbi-grpc.server';
import { PublicApiModule } from './api/public-api.module';
import { DialogueModule } from './dialogue.module';

/**
 * dialogue on its own: multi-round matching with the trained completeness model (from the shared
 * models directory, trained once under its lock when missing or stale) and the public APIs (HTTP,
 * gRPC, Kafka request topic).
 */
runService({
  name: 'dialogue',
  linksQuestions: true,
  modules: (config) => [
    ModelsModule.register({ dir: modelsDirOf(config) }, { prepareOnBootstrap: true }),
    PublicApiModule.register(DialogueModule.register({ askTimeoutMs: config.CHATBI_ASK_TIMEOUT_MS })),
    { module: SemanticProgressEdgeModule },
  ],
  // Each instance hears every answer and settles the callers it holds, and keeps every cascade's
  // progress: the Ask panel's polls may reach any instance.
  broadcastTopics: [TOPICS.answered, TOPICS.failed, TOPICS.semanticProgress],
  edgeTopics: [TOPICS.apiRequests],
  async afterStart(app, config) {
    return { grpc: await app.get(ChatbiGrpcServer).listen(config.HOST, config.GRPC_PORT, grpcTlsOf(config)) };
  },
  async drain(app, timeoutMs) {
    await Promise.all([app.get(ChatbiGrpcServer).shutdown(timeoutMs), app.get(AskService).drain(timeoutMs)]);
  },
});
