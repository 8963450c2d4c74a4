package org.noduletrack.archive.index;

import java.util.OptionalLong;
import org.noduletrack.archive.PatientKey;
import org.noduletrack.dicom.charset.PersonName;

/**
 * A patient as one source system identifies it.
 *
 * @param key        the library's key
 * @param patientId  Patient ID (0010,0020); may be empty
 * @param issuer     Issuer of Patient ID (0010,0021); empty when absent
 * @param name       the name in all three representations (alphabetic, ideographic, phonetic)
 * @param birthDate  DA string or empty
 * @param sex        CS or empty
 * @param personGroup the user-confirmed "same person" group, if linked
 * @param studies    number of studies held
 */
public record PatientRecord(PatientKey key, String patientId, String issuer, PersonName name, String birthDate,
                            String sex, OptionalLong personGroup, int studies) {
}
