import 'i18next';
import type aar from './locales/en/aar.json';
import type admin from './locales/en/admin.json';
import type auth from './locales/en/auth.json';
import type author from './locales/en/author.json';
import type common from './locales/en/common.json';
import type control from './locales/en/control.json';
import type evaluate from './locales/en/evaluate.json';
import type join from './locales/en/join.json';
import type play from './locales/en/play.json';
import type review from './locales/en/review.json';

// keys are checked against the English resources: a typo or a removed key fails `tsc`
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'common';
    resources: {
      aar: typeof aar;
      admin: typeof admin;
      auth: typeof auth;
      author: typeof author;
      common: typeof common;
      control: typeof control;
      evaluate: typeof evaluate;
      join: typeof join;
      play: typeof play;
      review: typeof review;
    };
  }
}
