export * from './ask.service';
export * from './dialogue.module';
export * from './dialogue.service';
