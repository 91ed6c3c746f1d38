/** Search queries by query category, most popular first (picks are skewed towards the head). */
export const SEARCH_QUERIES: Readonly<Record<string, readonly string[]>> = {
  comedy: ['搞笑视频', '脱口秀', 'funny cats compilation', '相声小品', '沙雕日常'],
  food: ['红烧肉的做法', '火锅', '减脂餐', 'easy pasta recipe', '空气炸锅食谱', '家常菜'],
  gaming: ['王者荣耀', '原神攻略', 'minecraft survival', '和平精英', '黑神话悟空'],
  music: ['周杰伦', '抖音热歌', 'taylor swift', '古风音乐', '车载音乐'],
  dance: ['广场舞', '街舞教学', 'kpop dance cover', '爵士舞', '健身操'],
  news: ['今日新闻', '天气预报', 'world news today', '国际局势', '本地新闻'],
  education: ['英语口语', '高考数学', 'python tutorial', '考研', '育儿知识'],
  sports: ['NBA集锦', '中超', 'world cup highlights', '乒乓球', '马拉松'],
  pets: ['猫咪', '柯基', 'cute puppies', '养猫攻略', '萌宠'],
  travel: ['成都旅游攻略', '云南自驾', 'tokyo travel vlog', '露营', '三亚'],
  beauty: ['化妆教程', '护肤', 'makeup tutorial', '穿搭', '发型'],
  drama: ['短剧', '霸道总裁', '逆袭短剧', 'chinese drama', '甜宠剧'],
  film: ['电影解说', '新片预告', 'movie recap', '经典老电影', '纪录片'],
  parenting: ['宝宝辅食', '早教', 'baby sleep tips', '亲子游戏', '儿歌'],
  health: ['养生', '降血压', 'back pain exercises', '八段锦', '中医'],
  auto: ['新能源汽车', '比亚迪', 'tesla model y review', '二手车', '驾考'],
  people: ['刘德华', '明星八卦', 'elon musk', '网红', '主播'],
  shopping: ['手机推荐', '好物推荐', 'iphone review', '618优惠', '家电'],
  local_life: ['附近美食', '团购', 'coffee near me', '外卖', '电影票'],
};

export const QUERY_CATEGORIES = Object.keys(SEARCH_QUERIES);

/** How often a user searches each category, before the viewer's age taste is applied. */
export const QUERY_CATEGORY_WEIGHT: Readonly<Record<string, number>> = {
  comedy: 6, food: 10, gaming: 7, music: 8, dance: 4, news: 6, education: 5, sports: 5, pets: 3,
  travel: 5, beauty: 4, drama: 8, film: 6, parenting: 3, health: 4, auto: 4, people: 7, shopping: 6, local_life: 5,
};
