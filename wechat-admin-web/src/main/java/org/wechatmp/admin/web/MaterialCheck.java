package org.wechatmp.admin.web;

import java.util.List;
import java.util.Locale;

/**
 * WeChat's limits on a permanent material, checked before any call: the size, the file name's extension and the
 * content's magic bytes (a renamed text file is not an image). Image 10 MB bmp/png/jpeg/jpg/gif; voice 2 MB
 * amr/mp3; video 10 MB mp4; thumbnail 64 KB jpg.
 *
 * @param kind {@code image}, {@code voice}, {@code video} or {@code thumb}
 * @param maxBytes the largest size WeChat takes
 * @param extensions the extensions WeChat takes
 */
record MaterialCheck(String kind, long maxBytes, List<String> extensions) {
    static final List<MaterialCheck> KINDS = List.of(
            new MaterialCheck("image", 10L << 20, List.of("bmp", "png", "jpeg", "jpg", "gif")),
            new MaterialCheck("voice", 2L << 20, List.of("amr", "mp3")),
            new MaterialCheck("video", 10L << 20, List.of("mp4")),
            new MaterialCheck("thumb", 64L << 10, List.of("jpg")));
    /** Images inside an article body ({@code media/uploadimg}): jpg or png under 1 MB. */
    static final MaterialCheck ARTICLE_IMAGE = new MaterialCheck("articleimage", 1L << 20, List.of("jpg", "jpeg",
            "png"));

    static MaterialCheck of(String kind) {
        return KINDS.stream().filter(k -> k.kind.equals(kind)).findFirst().orElse(null);
    }

    /**
     * Checks a file.
     *
     * @param fileName the file name as sent
     * @param content the bytes
     * @return a message key for what is wrong, or {@code null} when WeChat will take it
     */
    String problem(String fileName, byte[] content) {
        if (content.length == 0) {
            return "materials.upload.empty";
        }
        if (content.length > maxBytes) {
            return "materials.upload.toobig." + kind;
        }
        String ext = extension(fileName);
        if (!extensions.contains(ext)) {
            return "materials.upload.badformat." + kind;
        }
        if (!magicMatches(ext, content)) {
            return "materials.upload.badcontent";
        }
        return null;
    }

    static String extension(String fileName) {
        int dot = fileName == null ? -1 : fileName.lastIndexOf('.');
        return dot < 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /** Whether the bytes start as the extension's format does. */
    static boolean magicMatches(String ext, byte[] b) {
        return switch (ext) {
            case "png" -> starts(b, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A);
            case "jpg", "jpeg" -> starts(b, 0xFF, 0xD8, 0xFF);
            case "gif" -> starts(b, 'G', 'I', 'F', '8');
            case "bmp" -> starts(b, 'B', 'M');
            case "amr" -> starts(b, '#', '!', 'A', 'M', 'R');
            case "mp3" -> starts(b, 'I', 'D', '3') || b.length > 1 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xE0) == 0xE0;
            case "mp4" -> b.length > 8 && b[4] == 'f' && b[5] == 't' && b[6] == 'y' && b[7] == 'p';
            default -> false;
        };
    }

    private static boolean starts(byte[] b, int... magic) {
        if (b.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((b[i] & 0xFF) != magic[i]) {
                return false;
            }
        }
        return true;
    }

    /** A file name safe to pass on: the base name, control characters and quotes removed, at most 100 chars. */
    static String safeName(String submitted, String kind) {
        String n = submitted == null ? "" : submitted.replace('\\', '/');
        n = n.substring(n.lastIndexOf('/') + 1).replaceAll("[\\p{Cntrl}\"]", "").trim();
        if (n.length() > 100) {
            n = n.substring(n.length() - 100);
        }
        return n.isEmpty() ? kind : n;
    }
}
