package org.noduletrack.app.followup;

import java.util.Locale;

/** The follow-up step a guideline recommendation amounts to, in words, from its management key. */
public enum FollowUpInterval {
    NONE("no routine follow-up", "无需常规随访"),
    CT_12_MONTHS("low-dose CT in 12 months", "12 个月后低剂量 CT"),
    OPTIONAL_CT_12_MONTHS("optional CT at 12 months", "可选：12 个月后 CT"),
    CT_6_MONTHS("low-dose CT in 6 months", "6 个月后低剂量 CT"),
    CT_6_12_MONTHS("CT in 6-12 months", "6–12 个月后 CT"),
    CT_3_MONTHS("low-dose CT in 3 months (PET/CT may be used)", "3 个月后低剂量 CT（可考虑 PET/CT）"),
    CT_3_6_MONTHS("CT in 3-6 months", "3–6 个月后 CT"),
    WORK_UP("diagnostic CT, PET/CT and/or tissue sampling", "诊断性 CT、PET/CT 和/或组织取样"),
    NOT_APPLICABLE("guideline not applicable", "指南不适用");

    private final String en, zh;

    FollowUpInterval(String en, String zh) {
        this.en = en;
        this.zh = zh;
    }

    public String en() { return en; }

    public String zh() { return zh; }

    public String text(Locale locale) { return locale.getLanguage().equals("zh") ? zh : en; }

    /** From {@code FollowUpRecommendation.management()} (Fleischner management names, {@code LUNG_RADS_<category>}). */
    public static FollowUpInterval ofManagement(String management) {
        return switch (management) {
            case "LUNG_RADS_1", "LUNG_RADS_2" -> CT_12_MONTHS;
            case "LUNG_RADS_3" -> CT_6_MONTHS;
            case "LUNG_RADS_4A" -> CT_3_MONTHS;
            case "LUNG_RADS_4B", "LUNG_RADS_4X" -> WORK_UP;
            case "LUNG_RADS_0" -> CT_3_MONTHS;
            case "NO_ROUTINE_FOLLOW_UP" -> NONE;
            case "OPTIONAL_CT_12_MONTHS" -> OPTIONAL_CT_12_MONTHS;
            case "CT_6_12_THEN_CONSIDER_18_24", "CT_6_12_THEN_18_24", "GGN_CT_6_12_THEN_EVERY_2Y_TO_5Y" -> CT_6_12_MONTHS;
            case "MULTIPLE_SUBSOLID_SMALL_CT_3_6_THEN_2_4Y", "CT_3_6_THEN_CONSIDER_18_24", "CT_3_6_THEN_18_24",
                 "MULTIPLE_SUBSOLID_CT_3_6_MOST_SUSPICIOUS", "PART_SOLID_CT_3_6_THEN_ANNUAL_5Y",
                 "PART_SOLID_SOLID_GE_6_SUSPICIOUS" -> CT_3_6_MONTHS;
            case "CONSIDER_CT_3_PET_TISSUE" -> WORK_UP;
            case "NOT_APPLICABLE" -> NOT_APPLICABLE;
            default -> throw new IllegalArgumentException("unknown management " + management);
        };
    }
}
