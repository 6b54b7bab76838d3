import { formatDate, formatNumber } from '../format.js';

// German sentences for the hub's field errors (BAD_USER_INPUT `extensions.fields`). The API
// words them in English; web/test/field-messages.test.ts fails when a message of the kit's
// input rules or of the reference data's checks falls through to the general sentence here.

/**
 * The hub's (English) field messages and their German sentences, the first match wins (so
 * the specific before the general); a function builds the sentence from the match's groups.
 */
const FIELD_MESSAGES: [RegExp, string | ((match: RegExpExecArray) => string)][] = [
  // Texts
  [/NUL character/, 'Bitte entfernen Sie unzulässige Steuerzeichen aus dem Text.'],
  [/must not be empty/, 'Bitte füllen Sie dieses Feld aus.'],
  [/at least (\d+) characters/, (m) => `Bitte geben Sie mindestens ${formatNumber(Number(m[1]))} Zeichen ein.`],
  [/at most (\d+) characters/, (m) => `Bitte kürzen Sie den Text auf höchstens ${formatNumber(Number(m[1]))} Zeichen.`],
  [/at most (\d+) entries/, (m) => `Höchstens ${formatNumber(Number(m[1]))} Einträge sind möglich.`],
  [/e-mail address/, 'Bitte geben Sie eine E-Mail-Adresse wie name@stadt.de ein.'],
  [
    /http or https URL/,
    'Bitte geben Sie eine vollständige Adresse mit http:// oder https:// an, zum Beispiel https://www.siegen.de/.',
  ],
  [/lower-case letters/, 'Erlaubt sind Kleinbuchstaben, Ziffern und einzelne Bindestriche.'],
  // Dates
  [/calendar date/, 'Bitte geben Sie ein gültiges Datum an.'],
  [/in the future/, 'Das Datum darf nicht in der Zukunft liegen.'],
  [
    /before the declaration \((\d{4}-\d{2}-\d{2})\)/,
    (m) => `Das Datum darf nicht vor der Erklärung (${formatDate(m[1])}) liegen.`,
  ],
  // Municipalities and cooperations
  [/8-digit Amtlicher Gemeindeschlüssel/, 'Das ist kein gültiger Gemeindeschlüssel (8 Ziffern).'],
  [/5-digit Kreisschlüssel/, 'Das ist kein gültiger Kreisschlüssel (5 Ziffern).'],
  [/no municipality of the hub has the AGS/, 'Diese Kommune kennt der Welcome Hub nicht.'],
  [/Gemeindeschlüssel|AGS/, 'Diese Kommune gibt es nicht.'],
  [/neither a member of nor invited/, 'Die Kommune ist weder Mitglied dieser Kooperation noch zu ihr eingeladen.'],
  [/no cooperation has the slug/, 'Diese Kooperation gibt es nicht (mehr).'],
  // Practices
  [/own practice as interesting/, 'Ihre Kommune kann kein Interesse an ihrem eigenen Praxisbeispiel bekunden.'],
  [/cycle/, 'Das ergäbe einen Kreis: Die Vorlage stammt selbst schon von diesem Praxisbeispiel ab.'],
  // The Quick-Check
  [/score .*must be between (-?\d+) and (-?\d+)/, (m) => `Bitte wählen Sie eine Stufe von ${m[1]} bis ${m[2]}.`],
  [/criterion .*is required/, 'Bitte beantworten Sie diese Frage.'],
  [/is required/, 'Bitte füllen Sie dieses Feld aus.'],
  [/answered twice/, 'Diese Frage ist doppelt beantwortet.'],
  [/no criterion has the key/, 'Diese Frage gibt es im Katalog nicht mehr. Bitte laden Sie die Seite neu.'],
  // Ids the page sent
  [/id \(UUID\)/, 'Dieser Eintrag ist nicht (mehr) gültig. Bitte laden Sie die Seite neu.'],
  // Numbers (participants, capacity, years…) and places
  [
    /must be between (-?\d+) and (-?\d+)/,
    (m) => `Bitte geben Sie eine Zahl von ${formatNumber(Number(m[1]))} bis ${formatNumber(Number(m[2]))} an.`,
  ],
  [
    /more than 0 and at most (\d+)/,
    (m) => `Bitte geben Sie einen Umkreis über 0 bis ${formatNumber(Number(m[1]))} km an.`,
  ],
];

/**
 * A German sentence for one of the hub's (English) field messages (the kit's InputValidator
 * and the services' own checks); "Bitte prüfen Sie diese Angabe." for any other.
 */
export function germanFieldMessage(message: string): string {
  for (const [pattern, sentence] of FIELD_MESSAGES) {
    const match = pattern.exec(message);
    if (match) return typeof sentence === 'string' ? sentence : sentence(match);
  }
  return 'Bitte prüfen Sie diese Angabe.';
}
