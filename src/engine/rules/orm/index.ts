import type { Rule } from '../../rule';
import alembic from './alembic';
import convex from './convex';
import django from './django';
import doctrine from './doctrine';
import drizzleKit from './drizzle-kit';
import ecto from './ecto';
import efCore from './ef-core';
import hasura from './hasura';
import inlineCode from './inline-code';
import knex from './knex';
import laravel from './laravel';
import migrationTool from './migration-tool';
import mikroOrm from './mikro-orm';
import prisma from './prisma';
import rails from './rails';
import scriptRunner from './script-runner';
import sequelize from './sequelize';
import supabase from './supabase';
import typeorm from './typeorm';

export const ormRules: Rule[] = [
  prisma, drizzleKit, rails, django, sequelize, typeorm, knex, alembic, laravel, supabase, ecto, efCore, migrationTool, mikroOrm,
  hasura, convex, doctrine, inlineCode, scriptRunner,
];
