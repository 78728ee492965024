import type { ImportTarget } from "./targets";

/**
 * Header names that mean a target, beyond the field labels themselves: common synonyms, a few
 * German, French and Spanish words (Outlook exports in those locales use them), and the headers
 * of Google Contacts (old and new format), Outlook and HubSpot exports. Compared after
 * normalizeKey. The weight ranks competing columns for a target that takes one column: Outlook's
 * "Business City" (45) beats "Home City" (35); "Title" (20, Outlook's Mr/Ms) loses to "Job Title".
 */
export const HEADER_SYNONYMS: readonly (readonly [ImportTarget, number, readonly string[]])[] = [
  ["contactKey", 60, ["Contact ID", "Contact key", "Customer ID", "Customer number", "Client ID", "Client number"]],
  ["contactKey", 30, ["ID", "Key"]],
  // HubSpot's own id: kept as an external ID, so re-exports from HubSpot can be recognised
  // without putting HubSpot's numbering into our human-readable Contact IDs.
  ["ext:hubspot", 60, ["Record ID", "HubSpot ID", "Record ID - Contact"]],
  ["firstName", 60, ["First name", "Firstname", "Given name", "Forename", "First", "FName", "Prénom", "Vorname", "Nombre", "Voornaam"]],
  ["middleName", 60, ["Middle name", "Additional name", "Middle", "Second name", "Middle initial", "Zweiter Vorname"]],
  ["lastName", 60, ["Last name", "Lastname", "Family name", "Surname", "Last", "LName", "Nachname", "Apellido", "Apellidos", "Achternaam", "Nom", "Nom de famille"]],
  ["fullName", 60, ["Full name", "Fullname", "Contact name", "Customer name", "Client name", "Display name"]],
  ["fullName", 30, ["Contact", "Person"]],
  ["phone", 60, [
    "Phone", "Phone number", "Phones", "Telephone", "Telephone number", "Tel", "Tel.", "Mobile", "Mobile phone",
    "Mobile number", "Mobile phone number", "Cell", "Cell phone", "Cellphone", "Work phone", "Business phone",
    "Business phone 2", "Home phone", "Home phone 2", "Primary phone", "Other phone", "Company main phone", "Car phone",
    "Direct phone", "Direct dial", "Landline", "WhatsApp", "WhatsApp number", "Phone (mobile)", "Phone (work)",
    "Telefon", "Telefonnummer", "Mobiltelefon", "Handy", "Telefon geschäftlich", "Telefon privat", "Téléphone",
    "Portable", "Téléphone mobile", "Teléfono", "Móvil", "Telefono",
  ]],
  ["email", 60, [
    "Email", "E-mail", "Mail", "Emails", "Email address", "E-mail address", "E-mail 2 address", "E-mail 3 address",
    "Work email", "Personal email", "Home email", "Other email", "Primary email", "Business email", "E-Mail-Adresse",
    "Courriel", "Adresse e-mail", "Correo", "Correo electrónico",
  ]],
  ["company", 60, [
    "Company", "Company name", "Organization", "Organisation", "Organization name", "Organisation name", "Business name",
    "Employer", "Account name", "Firma", "Unternehmen", "Société", "Entreprise", "Empresa",
  ]],
  ["company", 30, ["Associated company", "Business", "Account"]],
  ["jobTitle", 60, ["Job title", "Jobtitle", "Position", "Role", "Designation", "Organization title", "Berufsbezeichnung", "Poste", "Fonction", "Cargo", "Puesto"]],
  ["jobTitle", 20, ["Title", "Profession", "Occupation"]],
  ["industry", 60, ["Industry", "Sector", "Branche", "Secteur"]],
  ["website", 60, ["Website", "Web site", "Web page", "Webpage", "Website URL", "URL", "Homepage", "Home page", "Site web"]],
  ["street", 60, ["Street", "Street address", "Address", "Address line 1", "Address 1", "Mailing street", "Straße", "Strasse", "Rue", "Adresse", "Calle", "Dirección"]],
  ["city", 60, ["City", "Town", "Locality", "Mailing city", "Ort", "Stadt", "Ville", "Ciudad"]],
  ["region", 60, ["Region", "State", "Province", "County", "State/Region", "State/Province", "State or province", "Mailing state", "Bundesland", "Provincia"]],
  ["postalCode", 60, ["Postal code", "Postcode", "Post code", "Zip", "Zip code", "Zipcode", "Zip/Postal code", "Mailing zip", "Mailing postal code", "PLZ", "Postleitzahl", "Code postal", "Código postal"]],
  ["country", 60, ["Country", "Country/Region", "Country code", "Nation", "Mailing country", "Land", "Pays", "País"]],
  ["billingStreet", 60, ["Billing address", "Billing street address", "Billing address line 1"]],
  ["billingRegion", 60, ["Billing state", "Billing province", "Billing state/province"]],
  ["billingPostalCode", 60, ["Billing zip", "Billing zip code", "Billing postcode", "Billing zip/postal code"]],
  ["billingCountry", 60, ["Billing country/region", "Billing country code"]],
  ["language", 60, ["Language", "Preferred language", "Locale", "Sprache", "Langue", "Idioma"]],
  ["timeZone", 60, ["Time zone", "Timezone", "TZ", "Zeitzone"]],
  ["leadStage", 60, ["Lead stage", "Lifecycle stage", "Lifecycle", "Stage"]],
  ["status", 30, ["Contact status"]],
  ["subscription", 60, ["Subscription", "Subscription status", "Subscribed", "Newsletter", "Opt-in", "Email opt-in", "Marketing opt-in"]],
  ["tags", 60, ["Tags", "Tag", "Labels", "Group membership", "Groups", "Categories", "Lists", "Segments", "Kategorien", "Étiquettes", "Etiquetas"]],
  ["tags", 30, ["Label", "Category", "Group", "List"]],
];

const ADDRESS_PART: Record<string, ImportTarget> = {
  street: "street",
  city: "city",
  region: "region",
  state: "region",
  postalcode: "postalCode",
  country: "country",
  countryregion: "country",
};

/**
 * Numbered and prefixed export columns, on the normalised header: Google's "E-mail 2 - Value",
 * "Phone 1 - Value", "Address 1 - City", "Organization 1 - Name"/"- Title", "Website 1 - Value";
 * Outlook's "Business City", "Home Country/Region", "E-mail 2 Address". The first of a numbered
 * series ranks above the others; a business address above home and other.
 */
export function patternTarget(key: string): { target: ImportTarget; weight: number } | undefined {
  let m: RegExpMatchArray | null;
  // The columns our error CSV adds ("line", "error", "line 2"…): a fixed error file maps cleanly.
  if (/^(?:line|error)\d*$/.test(key)) return { target: "ignore", weight: 60 };
  if (/^(?:email\d*(?:address|value)|email\d+)$/.test(key)) return { target: "email", weight: 60 };
  if (/^phone\d*value$/.test(key)) return { target: "phone", weight: 60 };
  if ((m = key.match(/^address(\d*)(street|city|region|postalcode|country)$/))) {
    return { target: ADDRESS_PART[m[2]!]!, weight: rankOf(m[1]!) };
  }
  if ((m = key.match(/^organi[sz]ation(\d*)(name|title)$/))) {
    return { target: m[2] === "name" ? "company" : "jobTitle", weight: rankOf(m[1]!) };
  }
  if ((m = key.match(/^website(\d*)value$/))) return { target: "website", weight: rankOf(m[1]!) };
  if ((m = key.match(/^(business|home|other)(street|city|state|postalcode|countryregion)$/))) {
    const weight = m[1] === "business" ? 45 : m[1] === "home" ? 35 : 25;
    return { target: ADDRESS_PART[m[2]!]!, weight };
  }
  return undefined;
}

const rankOf = (number: string) => (number === "" || number === "1" ? 55 : 25);
