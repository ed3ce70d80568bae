/**
 * Articles and feeds written for onrecord's fetch tests (our own words): each page wraps its
 * article in a different outlet's furniture, and `paragraphs` is exactly what must come out.
 */
export interface FixtureArticle {
  path: string;
  title: string;
  published: string;
  paragraphs: string[];
}

export const ARTICLES: Record<string, FixtureArticle> = {
  bridge: {
    path: "/politics/2026/11/24/bridge-tolls.html",
    title: "Tolls on the harbour bridge to end in May, minister says",
    published: "2026-11-24T07:15:00Z",
    paragraphs: [
      "RIVERTON — Transport Minister Ana Costa said on Tuesday that tolls on the harbour bridge would end in May, two years earlier than planned.",
      "“The bridge has paid for itself, and drivers should not pay for it twice,” Costa told reporters outside the ministry.",
      "Opposition lawmakers said the plan left a gap in the maintenance budget. Costa said the gap would be covered by the general fund.",
      "The toll operator declined to comment.",
    ],
  },
  budget: {
    path: "/politics/2026/11/24/school-budget.html",
    title: "Council approves school budget after late-night session",
    published: "2026-11-24T21:40:00Z",
    paragraphs: [
      "The city council approved a school budget of 48 million dollars shortly before midnight on Monday.",
      "Council President Maria Lind said the vote showed “that this city still puts its children first.”",
      "Two members voted against, saying the plan relied on a tax increase that voters had not approved.",
    ],
  },
  clinic: {
    path: "/health/2026/11/23/clinic.html",
    title: "Rural clinics will stay open, health ministry says",
    published: "2026-11-23T10:00:00Z",
    paragraphs: [
      "Health Minister Joon Park said on Monday that none of the country’s rural clinics would close next year.",
      "“A clinic an hour away is no clinic at all,” Park said in a statement.",
      "The ministry will hire 300 nurses for the clinics, according to the statement.",
    ],
  },
  harbour: {
    path: "/business/2026/11/22/harbour-expansion.html",
    title: "Port authority unveils harbour expansion",
    published: "2026-11-22T09:30:00Z",
    paragraphs: [
      "The port authority on Sunday unveiled a plan to deepen the harbour and add two berths by 2029.",
      "Authority chief Omar Haddad said the work would “keep Riverton on the map for the largest ships.”",
      "Fishing groups said they had not been consulted.",
    ],
  },
  rail: {
    path: "/world/2026/11/21/rail-link.html",
    title: "Neighbours agree to study a cross-border rail link",
    published: "2026-11-21T15:00:00Z",
    paragraphs: [
      "The two governments agreed on Saturday to pay for a study of a rail link between their capitals.",
      "Foreign Minister Lena Brandt called the agreement “a first step, and a real one.”",
    ],
  },
};

export const KOREAN = {
  path: "/korea/2026/11/20/budget.html",
  title: "국방부, 내년 예산 증액 요청",
  paragraphs: [
    "국방부는 20일 노후 레이더를 교체하기 위해 내년 예산을 늘려 달라고 국회에 요청했다고 밝혔다.",
    "한태우 장관은 “조기 경보는 시민을 보호할 시간을 벌어 준다”고 말했다.",
  ],
};

export const JSON_LD_ONLY = {
  path: "/app/2026/11/19/ferry.html",
  title: "Ferry service to the islands resumes",
  published: "2026-11-19",
  paragraphs: [
    "Ferry service to the outer islands resumed on Thursday after a week of storms.",
    "“Every crossing today was full,” harbour master Erik Solberg said.",
  ],
};
