import React, { useEffect, useState } from 'react';
import type { ConversationDetail, ConversationSummary } from '../api/answerTypes';
import type { ChatbiClient } from '../api/ChatbiClient';
import { t } from '../host/translate';

type Listing = { status: 'loading' } | { status: 'loaded'; conversations: ConversationSummary[] } | { status: 'failed'; message: string };

/** The asker's past conversations, searchable; choosing one reopens it with its answers. */
export default function ConversationHistory({ client, current, onOpen }: { client: ChatbiClient; current: string; onOpen: (conversation: ConversationDetail) => void }) {
  const [search, setSearch] = useState('');
  const [listing, setListing] = useState<Listing>({ status: 'loading' });
  const [opening, setOpening] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    // A short pause while typing, so that every key does not ask the server.
    const timer = setTimeout(() => {
      client.conversations(search).then(
        (conversations) => live && setListing({ status: 'loaded', conversations }),
        (error: Error) => live && setListing({ status: 'failed', message: error.message }),
      );
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [client, search]);

  const open = (sessionId: string) => {
    setOpening(sessionId);
    client.conversation(sessionId).then(onOpen, (error: Error) => setListing({ status: 'failed', message: error.message })).finally(() => setOpening(null));
  };

  return (
    <aside className="history" aria-label={t('Past conversations')}>
      <input type="search" aria-label={t('Search conversations')} placeholder={t('Search past questions')} value={search} onChange={(event) => setSearch(event.target.value)} />
      {listing.status === 'loading' && <p className="meta">{t('Loading…')}</p>}
      {listing.status === 'failed' && (
        <p className="error" role="alert">
          {listing.message}
        </p>
      )}
      {listing.status === 'loaded' && listing.conversations.length === 0 && <p className="meta">{search ? t('No conversation has such a question.') : t('No conversations yet.')}</p>}
      {listing.status === 'loaded' && listing.conversations.length > 0 && (
        <ul>
          {listing.conversations.map((c) => (
            <li key={c.sessionId}>
              <button type="button" className="past" data-session={c.sessionId} aria-current={c.sessionId === current} disabled={opening !== null} onClick={() => open(c.sessionId)}>
                <span className="title">{c.title}</span>
                <span className="when">
                  {c.questions} {c.questions === 1 ? t('question') : t('questions')} · {c.lastAskedAt.slice(0, 16).replace('T', ' ')}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </aside>
  );
}
