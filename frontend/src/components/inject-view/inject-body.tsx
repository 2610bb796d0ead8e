import { useTranslation } from 'react-i18next';
import { ActionIcon, CopyButton, Typography } from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';
import { type ReactNode, useMemo } from 'react';
import ReactMarkdown, { type Components } from 'react-markdown';
import rehypeSanitize from 'rehype-sanitize';
import remarkGfm from 'remark-gfm';
import type { Artifact } from '../../lib/api-types';
import { defang, indicatorsOf, isIndicator, mergeIndicators, useIndicators } from './indicators';
import {
  escapeContinuationBullets,
  fenceMailHeaders,
  MAIL_HEADER_LANGUAGE,
  remarkInjectStructure,
  wrapWidth,
} from './inject-structure';
import './inject-view.css';

const textOf = (node: ReactNode): string =>
  typeof node === 'string' || typeof node === 'number'
    ? String(node)
    : Array.isArray(node)
      ? node.map(textOf).join('')
      : '';

/**
 * A link in inject content: never clickable (the scenario's links lead to fictional or hostile
 * hosts), shown as text with a copy button; defanged when the scenario lists it as an indicator.
 */
function InertLink({ href, label, hostile }: { href: string; label: string; hostile: boolean }) {
  const { t } = useTranslation();
  const isMail = /^mailto:/i.test(href);
  const target = isMail ? href.slice(7) : href;
  const shown = hostile ? defang(target) : label === target || label === href ? target : `${label} (${target})`;
  const copied = hostile ? defang(target) : target;
  if (isMail && !hostile) return <span className="ttx-inert-address">{label}</span>;
  return (
    <span
      className="ttx-inert-link"
      data-inert-link={hostile ? 'defanged' : 'plain'}
      title={hostile ? t('inject.defangedTitle') : t('inject.inertTitle')}
    >
      <span className="ttx-inert-link-text">{shown}</span>
      {hostile && <span className="ttx-inert-link-flag">{t('inject.indicatorFlag')}</span>}
      <CopyButton value={copied}>
        {({ copied: done, copy }) => (
          <ActionIcon
            variant="subtle"
            size={24}
            onClick={copy}
            aria-label={`Copy ${hostile ? 'defanged ' : ''}${isMail ? 'address' : 'link'} ${copied}`}
            title={done ? t('inject.copied') : t('inject.copy')}
          >
            {done ? <IconCheck size={14} /> : <IconCopy size={14} />}
          </ActionIcon>
        )}
      </CopyButton>
    </span>
  );
}

function MailHeaders({ text }: { text: string }) {
  return (
    <code className={`language-${MAIL_HEADER_LANGUAGE}`}>
      {text
        .replace(/\n$/, '')
        .split('\n')
        .map((line, i) => {
          const m = /^([A-Za-z][A-Za-z0-9-]*:)(.*)$/.exec(line);
          return (
            <span key={i} className="ttx-mail-header-line">
              {m ? (
                <>
                  <b>{m[1]}</b>
                  {m[2]}
                </>
              ) : (
                line
              )}
              {'\n'}
            </span>
          );
        })}
    </code>
  );
}

/**
 * The body of an inject, rendered through the sanitiser like all markdown, keeping what the
 * artefact's structure tells the reader: line breaks, mail header blocks, `<addresses>`, and
 * links as inert text (defanged where hostile).
 */
export function InjectBody({ body, artifacts = [] }: { body: string; artifacts?: readonly Artifact[] }) {
  const known = useIndicators();
  const indicators = useMemo(() => mergeIndicators(known, indicatorsOf([artifacts])), [known, artifacts]);
  const source = useMemo(() => escapeContinuationBullets(fenceMailHeaders(body)), [body]);
  const width = useMemo(() => wrapWidth(body), [body]);
  const components = useMemo<Components>(
    () => ({
      a: ({ href, children }) => {
        const label = textOf(children);
        if (!href) return <span>{children}</span>;
        return <InertLink href={href} label={label} hostile={isIndicator(href, indicators)} />;
      },
      code: ({ className, children }) =>
        className === `language-${MAIL_HEADER_LANGUAGE}` ? (
          <MailHeaders text={textOf(children)} />
        ) : (
          <code className={className}>{children}</code>
        ),
      pre: ({ children, node }) => {
        const first = node?.children[0];
        const headers =
          first?.type === 'element' &&
          Array.isArray(first.properties.className) &&
          first.properties.className.includes(`language-${MAIL_HEADER_LANGUAGE}`);
        return headers ? (
          <pre className="ttx-mail-headers" role="group" aria-label="Message headers" data-mail-headers>
            {children}
          </pre>
        ) : (
          <pre>{children}</pre>
        );
      },
      // remote images would be outbound calls from an air-gapped network
      img: ({ alt }) => <span>[image: {alt || 'no description'}]</span>,
    }),
    [indicators],
  );
  return (
    <Typography p={0} className="ttx-markdown ttx-inject-body" data-inject-body translate="no">
      <ReactMarkdown
        remarkPlugins={[remarkGfm, [remarkInjectStructure, { width }]]}
        rehypePlugins={[rehypeSanitize]}
        components={components}
      >
        {source}
      </ReactMarkdown>
    </Typography>
  );
}
