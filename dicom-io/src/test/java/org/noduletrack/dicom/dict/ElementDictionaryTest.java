package org.noduletrack.dicom.dict;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ElementDictionaryTest {
    private final ElementDictionary dict = ElementDictionary.standard();

    @Test
    void looksUpExactTags() {
        DictionaryEntry name = dict.lookup(Tags.PatientName).orElseThrow();
        assertThat(name.tag()).isEqualTo(0x00100010);
        assertThat(name.mask()).isEqualTo(0xFFFFFFFF);
        assertThat(name.vrs()).containsExactly("PN");
        assertThat(name.vm()).isEqualTo("1");
        assertThat(name.keyword()).isEqualTo("PatientName");
        assertThat(name.name()).isEqualTo("Patient's Name");
        assertThat(name.retired()).isFalse();
        assertThat(name.isRepeating()).isFalse();

        assertThat(dict.keyword(0x00080005)).isEqualTo("SpecificCharacterSet");
        assertThat(dict.primaryVr(Tags.SpecificCharacterSet)).isEqualTo("CS");
        assertThat(dict.lookup(Tags.ImageOrientationPatient).orElseThrow().vm()).isEqualTo("6");
    }

    @Test
    void pixelDataKeepsBothVrsButDefaultsToOw() {
        DictionaryEntry pixelData = dict.lookup(0x7FE00010).orElseThrow();
        assertThat(pixelData.keyword()).isEqualTo("PixelData");
        assertThat(pixelData.vrs()).containsExactly("OB", "OW");
        assertThat(dict.primaryVr(Tags.PixelData)).isEqualTo("OW");
    }

    @Test
    void primaryVrIsTheFirstAlternativeOtherwise() {
        assertThat(dict.lookup(Tags.SmallestImagePixelValue).orElseThrow().vrs()).containsExactly("US", "SS");
        assertThat(dict.primaryVr(Tags.SmallestImagePixelValue)).isEqualTo("US");
        assertThat(dict.lookup(Tags.LUTData).orElseThrow().vrs()).containsExactly("US", "OW");
        assertThat(dict.primaryVr(Tags.LUTData)).isEqualTo("US");
        assertThat(dict.primaryVr(Tags.RedPaletteColorLookupTableDescriptor)).isEqualTo("US");
    }

    @Test
    void itemsAndDelimitersHaveNoVr() {
        assertThat(Tags.Item).isEqualTo(0xFFFEE000);
        assertThat(Tags.ItemDelimitationItem).isEqualTo(0xFFFEE00D);
        assertThat(Tags.SequenceDelimitationItem).isEqualTo(0xFFFEE0DD);
        for (int tag : new int[] {Tags.Item, Tags.ItemDelimitationItem, Tags.SequenceDelimitationItem}) {
            assertThat(dict.lookup(tag).orElseThrow().vrs()).isEmpty();
            assertThat(dict.primaryVr(tag)).isEmpty();
        }
        assertThat(dict.keyword(0xFFFEE000)).isEqualTo("Item");
    }

    @Test
    void resolvesOverlayRepeatingGroups() {
        DictionaryEntry overlay = dict.lookup(0x60003000).orElseThrow();
        assertThat(overlay.keyword()).isEqualTo("OverlayData");
        assertThat(overlay.tag()).isEqualTo(0x60003000);
        assertThat(overlay.mask()).isEqualTo(0xFF00FFFF);
        assertThat(overlay.isRepeating()).isTrue();
        assertThat(overlay.primaryVr()).isEqualTo("OW");
        assertThat(dict.keyword(0x60023000)).isEqualTo("OverlayData");
        assertThat(dict.keyword(0x601E3000)).isEqualTo("OverlayData");
        assertThat(dict.keyword(0x60000010)).isEqualTo("OverlayRows");
        assertThat(dict.primaryVr(0x60040050)).isEqualTo("SS");
    }

    @Test
    void oddGroupsAreNeverRepeatingGroups() {
        // (6001,0010) is a private creator, not Overlay Rows; (6001,3000) a private element
        assertThat(dict.keyword(0x60010010)).isEqualTo("PrivateCreator");
        assertThat(dict.lookup(0x60013000)).isEmpty();
        assertThat(dict.lookup(0x50010005)).isEmpty();
    }

    @Test
    void resolvesRetiredCurveAndOtherRepeatingElements() {
        DictionaryEntry curve = dict.lookup(0x50000005).orElseThrow();
        assertThat(curve.keyword()).isEqualTo("CurveDimensions");
        assertThat(curve.vrs()).containsExactly("US");
        assertThat(curve.retired()).isTrue();
        assertThat(dict.keyword(0x50020005)).isEqualTo("CurveDimensions");

        assertThat(dict.keyword(0x7F000010)).isEqualTo("VariablePixelData");
        assertThat(dict.keyword(0x00203105)).isEqualTo("SourceImageIDs");      // (0020,31xx)
        assertThat(dict.keyword(0x00280410)).isEqualTo("RowsForNthOrderCoefficients"); // (0028,04x0)
        assertThat(dict.keyword(0x00280400)).isEqualTo("TransformLabel");     // exact entry wins
        assertThat(dict.keyword(0x10000120)).isEqualTo("EscapeTriplet");      // (1000,xxx0)
        assertThat(dict.keyword(0x10000125)).isEqualTo("ShiftTableTriplet");  // (1000,xxx5)
        assertThat(dict.keyword(0x1010ABCD)).isEqualTo("ZonalMap");           // (1010,xxxx)
    }

    @Test
    void exactEntriesWinOverRepeatingGroups() {
        assertThat(dict.keyword(0x7FE00010)).isEqualTo("PixelData"); // also matches (7Fxx,0010)
    }

    @Test
    void elementZeroIsAGroupLength() {
        DictionaryEntry length = dict.lookup(0x00080000).orElseThrow();
        assertThat(length.keyword()).isEqualTo("GenericGroupLength");
        assertThat(length.vrs()).containsExactly("UL");
        assertThat(length.vm()).isEqualTo("1");
        assertThat(dict.keyword(0x00090000)).isEqualTo("GenericGroupLength"); // private groups have them too
        assertThat(dict.keyword(0x60000000)).isEqualTo("GenericGroupLength");
        assertThat(dict.keyword(0x10000000)).isEqualTo("GenericGroupLength"); // not (1000,xxx0) Escape Triplet
        // the command and file meta group lengths are proper elements
        assertThat(dict.keyword(0x00000000)).isEqualTo("CommandGroupLength");
        assertThat(dict.keyword(0x00020000)).isEqualTo("FileMetaInformationGroupLength");
        assertThat(dict.lookup(Tags.FileMetaInformationGroupLength).orElseThrow().retired()).isFalse();
    }

    @Test
    void privateCreatorsAreLo() {
        DictionaryEntry creator = dict.lookup(0x00090010).orElseThrow();
        assertThat(creator.keyword()).isEqualTo("PrivateCreator");
        assertThat(creator.vrs()).containsExactly("LO");
        assertThat(dict.keyword(0x002900FF)).isEqualTo("PrivateCreator");
        assertThat(dict.lookup(0x00291010)).isEmpty(); // a private element proper
        assertThat(dict.lookup(0x00290100)).isEmpty();
        assertThat(dict.lookup(0x0009000F)).isEmpty(); // below the creator range
        assertThat(dict.lookup(0x00010010)).isEmpty(); // groups 0001-0007 may not be private
        assertThat(dict.lookup(0x00070010)).isEmpty();
    }

    @Test
    void retiredElementsAreMarked() {
        DictionaryEntry lengthToEnd = dict.lookup(0x00080001).orElseThrow();
        assertThat(lengthToEnd.keyword()).isEqualTo("LengthToEnd");
        assertThat(lengthToEnd.retired()).isTrue();
        assertThat(dict.lookup(Tags.PatientID).orElseThrow().retired()).isFalse();
    }

    @Test
    void unknownTagsGiveEmptyResults() {
        assertThat(dict.lookup(0x00080003)).isEmpty();
        assertThat(dict.keyword(0x00080003)).isEmpty();
        assertThat(dict.primaryVr(0x00080003)).isEmpty();
        assertThat(dict.tagForKeyword("NoSuchKeyword")).isEmpty();
        assertThat(dict.tagForKeyword("")).isEmpty();
    }

    @Test
    void keywordsAndTagsRoundTripForEveryEntry() {
        List<DictionaryEntry> entries = dict.entries();
        assertThat(entries).hasSizeGreaterThan(4900);
        int withKeyword = 0;
        for (DictionaryEntry e : entries) {
            if (e.keyword().isEmpty()) {
                continue; // a handful of retired elements have none
            }
            withKeyword++;
            int tag = dict.tagForKeyword(e.keyword()).orElseThrow();
            assertThat(tag & e.mask()).as(e.keyword()).isEqualTo(e.tag());
            assertThat(dict.lookup(tag)).as(e.keyword()).containsSame(e);
            assertThat(dict.keyword(tag)).isEqualTo(e.keyword());
        }
        assertThat(withKeyword).isGreaterThan(4900);
    }

    @Test
    void repeatingKeywordsMapToTheirFirstTag() {
        assertThat(dict.tagForKeyword("OverlayData")).hasValue(0x60003000);
        assertThat(dict.tagForKeyword("CurveDimensions")).hasValue(0x50000005);
        assertThat(dict.tagForKeyword("RowsForNthOrderCoefficients")).hasValue(0x00280410);
        assertThat(dict.tagForKeyword("EscapeTriplet")).hasValue(0x10000010);
        assertThat(dict.tagForKeyword("GenericGroupLength")).isEmpty();
        assertThat(dict.tagForKeyword("PrivateCreator")).isEmpty();
    }

    @Test
    void everyTagsConstantIsInTheDictionaryUnderItsOwnName() throws IllegalAccessException {
        List<String> checked = new ArrayList<>();
        for (Field f : Tags.class.getDeclaredFields()) {
            if (!Modifier.isStatic(f.getModifiers()) || f.getType() != int.class) {
                continue;
            }
            int tag = f.getInt(null);
            DictionaryEntry e = dict.lookup(tag).orElseThrow(() -> new AssertionError(f.getName()));
            assertThat(e.keyword()).isEqualTo(f.getName());
            assertThat(e.isRepeating()).isFalse();
            assertThat(dict.tagForKeyword(f.getName())).hasValue(tag);
            checked.add(f.getName());
        }
        assertThat(checked).hasSizeGreaterThan(4800).contains("PatientName", "PixelData", "Item");
    }

    @Test
    void keepsTheConstantsOtherCodeAlreadyUses() {
        // the names of the hand-written Tags placeholder the generated class replaced
        int[] used = {
            Tags.FileMetaInformationGroupLength, Tags.FileMetaInformationVersion, Tags.MediaStorageSOPClassUID,
            Tags.MediaStorageSOPInstanceUID, Tags.TransferSyntaxUID, Tags.ImplementationClassUID,
            Tags.ImplementationVersionName, Tags.SourceApplicationEntityTitle, Tags.SpecificCharacterSet,
            Tags.SOPClassUID, Tags.SOPInstanceUID, Tags.Modality, Tags.PatientName, Tags.PatientID,
            Tags.StudyInstanceUID, Tags.SeriesInstanceUID, Tags.SamplesPerPixel, Tags.PhotometricInterpretation,
            Tags.PlanarConfiguration, Tags.NumberOfFrames, Tags.Rows, Tags.Columns, Tags.BitsAllocated,
            Tags.BitsStored, Tags.HighBit, Tags.PixelRepresentation, Tags.RescaleIntercept, Tags.RescaleSlope,
            Tags.RescaleType, Tags.WindowCenter, Tags.WindowWidth, Tags.ExtendedOffsetTable,
            Tags.ExtendedOffsetTableLengths, Tags.FloatPixelData, Tags.DoubleFloatPixelData, Tags.PixelData,
            Tags.DataSetTrailingPadding, Tags.Item, Tags.ItemDelimitationItem, Tags.SequenceDelimitationItem,
        };
        assertThat(used).hasSize(40).doesNotHaveDuplicates();
        assertThat(Tags.StudyInstanceUID).isEqualTo(0x0020000D);
        assertThat(Tags.DataSetTrailingPadding).isEqualTo(0xFFFCFFFC);
    }

    @Test
    void parsesTagPatterns() {
        assertThat(ElementDictionary.parsePattern("60xx3000")).isEqualTo(0xFF00FFFF_60003000L);
        assertThat(ElementDictionary.parsePattern("1000xxx0")).isEqualTo(0xFFFF000F_10000000L);
        assertThat(ElementDictionary.parsePattern("FFFEE0DD")).isEqualTo(0xFFFFFFFF_FFFEE0DDL);
    }
}
