/** Word lists for the demo workspace. */
export const FIRST_NAMES = [
  "James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda", "David", "Elizabeth",
  "William", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah", "Carlos", "Karen",
  "Lukas", "Anna", "Felix", "Lea", "Jonas", "Sophie", "Olivia", "Noah", "Emma", "Liam", "Amelia",
  "Chloé", "Louis", "Camille", "Hugo", "Inès", "Priya", "Arjun", "Ananya", "Rohan", "Sofia", "Mateus",
  "Gabriela", "Lucas", "Beatriz", "Kenji", "Yuki", "Aisha", "Omar", "Fatima", "Mei", "Wei", "Zoe",
  "João", "Łukasz",
];
export const LAST_NAMES = [
  "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez",
  "Hernandez", "Lopez", "Wilson", "Anderson", "Taylor", "Thomas", "Moore", "Jackson", "Martin", "Lee",
  "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Dubois", "Lefèvre",
  "Moreau", "Laurent", "Sharma", "Patel", "Gupta", "Singh", "Silva", "Santos", "Oliveira", "Souza",
  "Tanaka", "Sato", "Okafor", "Haddad", "Chen", "Wang", "O'Brien", "Murphy", "Kowalski", "Novak",
  "Weiß", "Gonçalves", "Sørensen",
];
export const COMPANIES = [
  "Northwind Traders", "Contoso Ltd", "Fabrikam", "Globex", "Initech", "Umbrella Health", "Stark Logistics",
  "Wayne Foods", "Acme Retail", "Blue Harbor Bank", "Bergmann GmbH", "Rheinland Energie", "Lumière SA",
  "Café Solène", "Tata Components", "Infinity Tech Pvt", "Verde Brasil", "São Paulo Motors",
  "Kintsugi Design", "Sakura Travel", "Lagos Fintech", "Cedar & Pine", "Helios Solar", "Nimbus Cloud",
];
export const JOB_TITLES = [
  "Head of Operations", "Office Manager", "CTO", "Purchasing Lead", "Customer Success Manager", "Founder",
  "Marketing Director", "Store Manager", "IT Administrator", "Finance Controller", "Sales Representative",
];
export const INDUSTRIES = ["Retail", "Healthcare", "Finance", "Logistics", "Software", "Energy", "Hospitality", "Manufacturing"];

export interface Place {
  country: string;
  cities: string[];
  language: string;
  timeZone: string;
  /** Patterns of national significant numbers; each # becomes a random digit. */
  phonePatterns: string[];
  emailDomains: string[];
}

export const PLACES: Place[] = [
  { country: "US", cities: ["New York", "Chicago", "Iowa City", "Austin", "Seattle", "Boston"], language: "en", timeZone: "America/Chicago",
    phonePatterns: ["+1212555####", "+1319555####", "+1415555####", "+1617555####", "+1206555####"], emailDomains: ["gmail.com", "outlook.com", "yahoo.com"] },
  { country: "DE", cities: ["Berlin", "Hamburg", "München", "Köln"], language: "de", timeZone: "Europe/Berlin",
    phonePatterns: ["+4930########", "+49151########", "+4940#######"], emailDomains: ["web.de", "gmx.de", "t-online.de"] },
  { country: "GB", cities: ["London", "Manchester", "Leeds"], language: "en-GB", timeZone: "Europe/London",
    phonePatterns: ["+44207946####", "+447700900###"], emailDomains: ["btinternet.com", "gmail.com"] },
  { country: "FR", cities: ["Paris", "Lyon", "Marseille"], language: "fr", timeZone: "Europe/Paris",
    phonePatterns: ["+336########", "+331########"], emailDomains: ["orange.fr", "free.fr"] },
  { country: "BR", cities: ["São Paulo", "Rio de Janeiro", "Belo Horizonte"], language: "pt-BR", timeZone: "America/Sao_Paulo",
    phonePatterns: ["+55119########", "+55219########"], emailDomains: ["uol.com.br", "gmail.com"] },
  { country: "IN", cities: ["Mumbai", "Bengaluru", "Delhi"], language: "en-IN", timeZone: "Asia/Kolkata",
    phonePatterns: ["+9198########", "+9197########"], emailDomains: ["gmail.com", "rediffmail.com"] },
];

export const TAGS: { name: string; color: string }[] = [
  { name: "VIP", color: "#b45309" },
  { name: "Newsletter", color: "#2563eb" },
  { name: "Spring campaign", color: "#16a34a" },
  { name: "Churn risk", color: "#dc2626" },
  { name: "Partner", color: "#7c3aed" },
  { name: "Beta tester", color: "#0891b2" },
  { name: "Trade fair 2026", color: "#db2777" },
];

export const ATTRIBUTES = [
  { key: "plan", label: "Plan", type: "dropdown" as const, options: ["Free", "Pro", "Enterprise"] },
  { key: "customer_since", label: "Customer since", type: "date" as const, options: [] },
  { key: "lifetime_value", label: "Lifetime value", type: "number" as const, options: [] },
  { key: "vip", label: "VIP", type: "boolean" as const, options: [] },
  { key: "loyalty_id", label: "Loyalty ID", type: "text" as const, options: [] },
  { key: "home_store", label: "Home store", type: "text" as const, options: [] },
];

export const ACTIVITY_SAMPLES = [
  { type: "call" as const, summary: "Inbound call about an invoice" },
  { type: "call" as const, summary: "Outbound call: renewal reminder" },
  { type: "message" as const, summary: "WhatsApp message: delivery status" },
  { type: "message" as const, summary: "SMS: appointment confirmation" },
  { type: "conversation" as const, summary: "Web chat: password reset" },
  { type: "order" as const, summary: "Order placed" },
  { type: "ticket" as const, summary: "Ticket opened: damaged item" },
  { type: "task" as const, summary: "Follow-up task completed" },
];

export const NOTE_SAMPLES = [
  "Prefers to be called in the afternoon.",
  "Asked about the Enterprise plan; send pricing.",
  "Complained about late delivery, offered a voucher.",
  "Speaks German and English.",
  "Decision maker for the renewal.",
];
