import { Module } from '@nestjs/common';
import { ViewSelectorController } from './view-selector.controller';
import { ViewSelectorService } from './view-selector.service';

@Module({ controllers: [ViewSelectorController], providers: [ViewSelectorService] })
export class ViewSelectorModule {}
