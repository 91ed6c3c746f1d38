import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { TOPICS } from '@chatbi/contracts';
import { KafkaCascadeExecutor } from './kafka-cascade.executor';
import { KafkaPartitionWorker } from './kafka-partition.worker';

/** Distributed mode: this instance as a worker of chatbi.semantic-rows, and as the owner reading chatbi.semantic-decisions. */
@Controller()
export class KafkaSemanticController {
  constructor(
    private readonly worker: KafkaPartitionWorker,
    private readonly owner: KafkaCascadeExecutor,
  ) {}

  @EventPattern(TOPICS.semanticRows)
  onRows(@Payload() message: unknown): Promise<void> {
    return this.worker.onRows(message);
  }

  @EventPattern(TOPICS.semanticDecisions)
  onDecisions(@Payload() message: unknown): void {
    this.owner.onDecisions(message);
  }
}
