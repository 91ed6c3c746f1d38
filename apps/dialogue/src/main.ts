import 'reflect-metadata';
import { TOPICS } from '@chatbi/contracts';
import { runService } from '../../chatbi/src/distributed/service-runtime';
import { AskService } from './ask.service';
import { ChatbiGrpcServer } from './api/grpc/chatbi-grpc.server';
import { PublicApiModule } from './api/public-api.module';
import { DialogueModule } from './dialogue.module';

/** dialogue on its own: multi-round matching and the public APIs (HTTP, gRPC, Kafka request topic). */
runService({
  name: 'dialogue',
  linksQuestions: true,
  modules: (config) => [PublicApiModule.register(DialogueModule.register({ askTimeoutMs: config.CHATBI_ASK_TIMEOUT_MS }))],
  // Each instance hears every answer and settles the callers it holds.
  broadcastTopics: [TOPICS.answered, TOPICS.failed],
  edgeTopics: [TOPICS.apiRequests],
  async afterStart(app, config) {
    return { grpc: await app.get(ChatbiGrpcServer).listen(config.HOST, config.GRPC_PORT) };
  },
  async drain(app, timeoutMs) {
    await Promise.all([app.get(ChatbiGrpcServer).shutdown(timeoutMs), app.get(AskService).drain(timeoutMs)]);
  },
});
