import 'reflect-metadata';
import { TOPICS } from '@chatbi/contracts';
import { ModelsModule } from '@chatbi/models';
import { askOptionsOf, modelsDirOf } from '../../chatbi/src/config/chatbi.config';
import { grpcTlsOf } from '../../chatbi/src/config/grpc-tls.config';
import { runService } from '../../chatbi/src/distributed/service-runtime';
import { SemanticProgressEdgeModule } from '../../chatbi/src/semantic/semantic-progress-edge.module';
import { AskService } from './ask.service';
import { ChatbiGrpcServer } from './api/grpc/chatbi-grpc.server';
import { PublicApiModule } from './api/public-api.module';
import { DialogueModule } from './dialogue.module';
import { PIPELINE_STAGES, stagesCheck } from './stages/stages.check';
import { StageLiveness } from './stages/stage-liveness';
import { StageLivenessModule } from './stages/stage-liveness.module';

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
    PublicApiModule.register(DialogueModule.register(askOptionsOf(config))),
    { module: SemanticProgressEdgeModule },
    StageLivenessModule.register({ stages: [...PIPELINE_STAGES], silentAfterMs: config.CHATBI_STAGE_SILENT_AFTER_MS }),
  ],
  // Each instance hears every answer and settles the callers it holds, keeps every cascade's
  // progress (the Ask panel's polls may reach any instance), and follows every stage's heartbeats.
  broadcastTopics: [TOPICS.answered, TOPICS.failed, TOPICS.semanticProgress, TOPICS.heartbeats],
  edgeTopics: [TOPICS.apiRequests],
  // A repeated request id on the Kafka API gets its stored reply again (AskService keeps them).
  repeatableTopics: [TOPICS.apiRequests],
  readiness: (app) => [stagesCheck(app.get(StageLiveness))],
  async afterStart(app, config) {
    return { grpc: await app.get(ChatbiGrpcServer).listen(config.HOST, config.GRPC_PORT, grpcTlsOf(config)) };
  },
  async drain(app, timeoutMs) {
    await Promise.all([app.get(ChatbiGrpcServer).shutdown(timeoutMs), app.get(AskService).drain(timeoutMs)]);
  },
});
