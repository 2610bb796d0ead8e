import type { PlayerInjectView } from '../../lib/api-types';
import { ChatView } from './chat-view';
import { EmailView } from './email-view';
import { IntelView } from './intel-view';
import { NewsView } from './news-view';
import { PhoneView } from './phone-view';
import { SiemView } from './siem-view';
import { SitrepView } from './sitrep-view';
import { SocialView } from './social-view';
import { VideoView } from './video-view';

/** Each channel looks like the tool the players use at work. */
export function ChannelView(props: { inject: PlayerInjectView; deliveredLabel: string; scenarioLabel: string }) {
  switch (props.inject.channel) {
    case 'email':
      return <EmailView {...props} />;
    case 'news':
      return <NewsView {...props} />;
    case 'social':
      return <SocialView {...props} />;
    case 'siem':
      return <SiemView {...props} />;
    case 'intel':
      return <IntelView {...props} />;
    case 'phone':
      return <PhoneView {...props} />;
    case 'sitrep':
      return <SitrepView {...props} />;
    case 'chat':
      return <ChatView {...props} />;
    case 'video':
      return <VideoView {...props} />;
  }
}
