/**
 * Templates for free-text user feedback. Placeholders: {feature}, {brand}, {version}, {app}, {minutes}.
 * They are filled in SQL, so keep them plain text.
 */

export const FEEDBACK_FEATURES = {
  en: ['the home feed', 'search', 'the comment section', 'live streams', 'my profile page', 'the video player', 'messages'],
  zh: ['首页推荐', '搜索', '评论区', '直播间', '个人主页', '播放器', '消息'],
} as const;

export const APP_DISPLAY_NAMES = {
  en: { main: 'the app', lite: 'the lite app', large_font: 'the large-font app', white_label: 'the partner app' },
  zh: { main: '主版', lite: '极速版', large_font: '大字版', white_label: '合作版' },
} as const;

export const FEEDBACK_TEMPLATES: Readonly<Record<string, { en: readonly string[]; zh: readonly string[] }>> = {
  login: {
    en: [
      'I cannot log in, the verification code never arrives.',
      'Login keeps failing on my {brand} phone after updating to {version}.',
      'Logged out every time I open {app}, very annoying.',
    ],
    zh: ['登录不上，验证码一直收不到。', '更新到{version}以后{brand}手机一直登录失败。', '每次打开{app}都要重新登录，太麻烦了。'],
  },
  crash: {
    en: [
      'The app crashes every time I open {feature}.',
      'Crashes right after launch on {brand}, version {version}.',
      'It froze and closed itself while I was watching a video.',
    ],
    zh: ['每次打开{feature}就闪退。', '{brand}手机，版本{version}，一启动就崩溃。', '看视频看到一半突然卡死然后闪退了。'],
  },
  ads: {
    en: [
      'Way too many ads, one every few videos.',
      'The splash ad is too long and the close button is tiny.',
      'Ads in {feature} are annoying, please reduce them.',
    ],
    zh: ['广告太多了，刷几个视频就一个广告。', '开屏广告太长，关闭按钮太小了。', '{feature}里的广告太烦人了，能不能少一点。'],
  },
  loading: {
    en: [
      'Videos load very slowly even on wifi.',
      '{feature} takes forever to load since {version}.',
      'Lots of buffering, I waited {minutes} minutes for one video.',
    ],
    zh: ['用wifi看视频也加载很慢。', '更新{version}以后{feature}加载特别慢。', '一直转圈缓冲，一个视频等了{minutes}分钟。'],
  },
  playback: {
    en: [
      'Sound and picture are out of sync.',
      'The video player goes black but the audio keeps playing.',
      'Cannot switch to HD, playback is blurry.',
    ],
    zh: ['声音和画面不同步。', '播放器黑屏了但是声音还在。', '切换不了高清，画面很模糊。'],
  },
  content: {
    en: [
      'The recommendations keep showing the same kind of videos.',
      'Too many low quality videos in {feature}.',
      'Please stop recommending content I marked as not interested.',
    ],
    zh: ['推荐的视频都是一类的，太单调了。', '{feature}里低质量的视频太多了。', '点了不感兴趣还一直推荐。'],
  },
  account: {
    en: ['How do I delete my account?', 'My account was banned for no reason.', 'Cannot change my nickname or avatar.'],
    zh: ['怎么注销账号？', '账号莫名其妙被封了。', '昵称和头像改不了。'],
  },
  payment: {
    en: ['I was charged twice for a membership.', 'The coins I bought did not arrive.', 'Refund request has had no answer for a week.'],
    zh: ['会员被重复扣费了。', '充值的金币没有到账。', '申请退款一个星期了没人处理。'],
  },
  praise: {
    en: [
      'Great app, I use it every day!',
      'Love the recommendations, very accurate.',
      '{app} is smooth and easy to use, five stars.',
    ],
    zh: ['很好用，每天都在刷！', '推荐很准，喜欢。', '{app}很流畅，操作简单，五星好评。'],
  },
  feature_request: {
    en: [
      'Please add a sleep timer to the video player.',
      'Would like to download videos for offline viewing.',
      'Please add a dark mode to {feature}.',
    ],
    zh: ['希望播放器加一个定时关闭功能。', '希望可以下载视频离线看。', '希望{feature}能加个深色模式。'],
  },
};
