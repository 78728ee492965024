import { createHash } from "node:crypto";

// 100 × 100 = 10 000 names: a team rarely sees two live visitors with the same one.
const ADJECTIVES = [
  "Amber", "Azure", "Bold", "Brave", "Bright", "Brisk", "Calm", "Candid", "Cheerful", "Clever",
  "Cobalt", "Coral", "Cosmic", "Crimson", "Curious", "Daring", "Dapper", "Dreamy", "Eager", "Earnest",
  "Electric", "Emerald", "Fancy", "Fearless", "Fiery", "Frosty", "Gentle", "Gleaming", "Golden", "Graceful",
  "Grand", "Happy", "Hazel", "Honest", "Humble", "Icy", "Indigo", "Ivory", "Jade", "Jolly",
  "Keen", "Kind", "Lively", "Lucky", "Lunar", "Magenta", "Maple", "Merry", "Mighty", "Misty",
  "Modest", "Mossy", "Nimble", "Noble", "Ochre", "Olive", "Patient", "Peppy", "Plucky", "Polar",
  "Proud", "Quick", "Quiet", "Radiant", "Rapid", "Rosy", "Ruby", "Rustic", "Saffron", "Sage",
  "Sandy", "Scarlet", "Serene", "Shiny", "Silent", "Silver", "Sleek", "Snowy", "Solar", "Sparkling",
  "Spry", "Steady", "Stellar", "Stormy", "Sunny", "Swift", "Tawny", "Teal", "Tidy", "Topaz",
  "Tranquil", "Trusty", "Velvet", "Vivid", "Violet", "Warm", "Wise", "Witty", "Zesty", "Zippy",
];
const ANIMALS = [
  "Albatross", "Alpaca", "Antelope", "Badger", "Beaver", "Bison", "Bobcat", "Buffalo", "Camel", "Capybara",
  "Caribou", "Cheetah", "Chipmunk", "Cobra", "Condor", "Cougar", "Coyote", "Crane", "Dolphin", "Dove",
  "Eagle", "Egret", "Elk", "Falcon", "Ferret", "Finch", "Flamingo", "Fox", "Gazelle", "Gecko",
  "Gibbon", "Giraffe", "Goose", "Gopher", "Gorilla", "Hawk", "Hedgehog", "Heron", "Hippo", "Ibex",
  "Ibis", "Iguana", "Impala", "Jackal", "Jaguar", "Jay", "Kangaroo", "Kestrel", "Kingfisher", "Koala",
  "Lemur", "Leopard", "Lion", "Llama", "Lynx", "Macaw", "Magpie", "Manatee", "Marmot", "Meerkat",
  "Mink", "Mole", "Moose", "Narwhal", "Newt", "Ocelot", "Octopus", "Orca", "Osprey", "Otter",
  "Owl", "Panda", "Panther", "Parrot", "Pelican", "Penguin", "Puffin", "Puma", "Quail", "Rabbit",
  "Raccoon", "Raven", "Reindeer", "Robin", "Salmon", "Seal", "Sparrow", "Squirrel", "Stork", "Swan",
  "Tapir", "Tiger", "Toucan", "Turtle", "Walrus", "Weasel", "Whale", "Wolf", "Wombat", "Zebra",
];

export const PSEUDONYM_WORDS = { adjectives: ADJECTIVES, animals: ANIMALS };

/**
 * The name a web-chat visitor without one goes by, e.g. "Guest Amber Falcon": drawn from the
 * visitor's id, so the same visitor always gets the same name. First name "Guest", last name the pair.
 */
export function pseudonymFor(visitorId: string): { firstName: string; lastName: string } {
  const hash = createHash("sha256").update(visitorId).digest();
  const adjective = ADJECTIVES[hash.readUInt16BE(0) % ADJECTIVES.length]!;
  const animal = ANIMALS[hash.readUInt16BE(2) % ANIMALS.length]!;
  return { firstName: "Guest", lastName: `${adjective} ${animal}` };
}
