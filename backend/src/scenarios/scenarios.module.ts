import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PackBlobEntity, PackImageEntity } from './images/pack-image.entities.js';
import { PackImages } from './images/pack-images.service.js';
import { ScenarioPackEntity } from './scenario-pack.entity.js';
import { ScenariosController } from './scenarios.controller.js';
import { ScenariosService } from './scenarios.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([ScenarioPackEntity, PackBlobEntity, PackImageEntity])],
  controllers: [ScenariosController],
  providers: [ScenariosService, PackImages],
  exports: [ScenariosService, PackImages],
})
export class ScenariosModule {}
