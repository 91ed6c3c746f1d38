export * from './trained-view.ranker';
export * from './view-coverage';
export * from './view-selector.module';
export * from './view-selector.service';
export * from './view.ranker';
