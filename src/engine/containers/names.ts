// Container names: Docker's rule for names given by the user, and random
// "adjective_surname" names from Docker's namesgenerator (moby
// pkg/namesgenerator, Apache-2.0; words later dropped upstream are left out).
import { InvalidArgument } from '../../common/index.js';

const left = [
  'admiring', 'adoring', 'agitated', 'amazing', 'angry', 'awesome', 'berserk', 'big', 'boring', 'clever', 'cocky',
  'compassionate', 'condescending', 'cranky', 'desperate', 'determined', 'distracted', 'dreamy', 'ecstatic', 'elated',
  'elegant', 'fervent', 'focused', 'furious', 'gigantic', 'gloomy', 'goofy', 'grave', 'happy', 'high', 'hopeful',
  'hungry', 'jolly', 'jovial', 'lonely', 'loving', 'mad', 'modest', 'nostalgic', 'pensive', 'prickly', 'reverent',
  'romantic', 'sad', 'serene', 'sharp', 'silly', 'sleepy', 'small', 'stoic', 'stupefied', 'suspicious', 'tender',
  'thirsty', 'tiny', 'trusting',
];

const right = [
  'albattani', 'allen', 'almeida', 'archimedes', 'ardinghelli', 'aryabhata', 'austin', 'babbage', 'banach', 'bardeen',
  'bartik', 'bell', 'bhabha', 'bhaskara', 'blackwell', 'bohr', 'booth', 'borg', 'bose', 'boyd', 'brahmagupta',
  'brattain', 'brown', 'carson', 'chandrasekhar', 'colden', 'cori', 'cray', 'curie', 'darwin', 'davinci', 'dijkstra',
  'dubinsky', 'easley', 'einstein', 'elion', 'engelbart', 'euclid', 'fermat', 'fermi', 'feynman', 'franklin',
  'galileo', 'gates', 'goldberg', 'goldstine', 'goodall', 'hamilton', 'hawking', 'heisenberg', 'hodgkin', 'hoover',
  'hopper', 'hugle', 'hypatia', 'jang', 'jennings', 'jepsen', 'joliot', 'jones', 'kalam', 'kare', 'keller', 'khorana',
  'kilby', 'kirch', 'knuth', 'kowalevski', 'lalande', 'lamarr', 'leakey', 'leavitt', 'lichterman', 'liskov',
  'lovelace', 'lumiere', 'mahavira', 'mayer', 'mccarthy', 'mcclintock', 'mclean', 'mcnulty', 'meitner', 'meninsky',
  'mestorf', 'mirzakhani', 'morse', 'newton', 'nobel', 'northcutt', 'noyce', 'panini', 'pare', 'pasteur', 'payne',
  'perlman', 'pike', 'poincare', 'poitras', 'ptolemy', 'raman', 'ramanujan', 'ride', 'ritchie', 'roentgen',
  'rosalind', 'saha', 'sammet', 'shaw', 'shockley', 'sinoussi', 'snyder', 'spence', 'stallman', 'swanson', 'swartz',
  'swirles', 'tesla', 'thompson', 'torvalds', 'turing', 'varahamihira', 'visvesvaraya', 'wescoff', 'williams',
  'wilson', 'wing', 'wozniak', 'wright', 'yalow', 'yonath',
];

const pick = (list: readonly string[]): string => list[Math.floor(Math.random() * list.length)]!;

/** GetRandomName: "adjective_surname", with a digit appended when `retry` > 0. */
export function randomName(retry: number): string {
  let name: string;
  do name = `${pick(left)}_${pick(right)}`;
  while (name === 'boring_wozniak'); // Steve Wozniak is not boring
  return retry > 0 ? `${name}${Math.floor(Math.random() * 10)}` : name;
}

const validName = /^\/?[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;

/** A user-given name in Docker's stored form ("/name"); InvalidArgument with Docker's message when not allowed. */
export function containerName(name: string): string {
  if (!validName.test(name)) throw new InvalidArgument(`Invalid container name (${name}), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed`);
  return name.startsWith('/') ? name : `/${name}`;
}
