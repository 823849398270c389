package org.firehub.publicpage;

/** What a resident reads when the form is refused, in their language. */
final class FormMessages {
    private FormMessages() {}

    static String of(ReportRefused.Reason reason, Lang lang) {
        boolean zh = lang.chinese();
        return switch (reason) {
            case HONEYPOT, BAD_FORM_TOKEN -> zh ? "表单不完整，请刷新页面后重新提交。" : "The form is incomplete; please reload the page and send it again.";
            case TOO_FAST -> zh ? "提交过快，请稍等片刻再提交。" : "That was very quick; please wait a moment and send it again.";
            case FORM_EXPIRED -> zh ? "表单已过期，请重新提交。" : "The form has expired; please send it again.";
            case TOO_SHORT -> zh ? "描述至少需要 10 个字。" : "Please describe the hazard in at least 10 characters.";
            case TOO_LONG -> zh ? "描述不能超过 1000 个字。" : "Please keep the description under 1000 characters.";
            case BAD_PHOTO -> zh ? "照片无法识别，请上传 JPEG 或 PNG 图片。" : "The photo could not be read; please use a JPEG or PNG image.";
            case PHOTO_TOO_LARGE -> zh ? "照片太大（不超过 5 MB）。" : "The photo is too large (5 MB at most).";
            case THROTTLED -> zh ? "提交次数过多，请稍后再试。" : "Too many reports; please try again later.";
        };
    }
}
