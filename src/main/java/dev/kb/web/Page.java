package dev.kb.web;

/**
 * What every page's frame needs: the interface text, the asset addresses, the page title, and the address of
 * this same page in the other language (the switch). {@code course} names the course the page belongs to (null
 * on the search page), for the course navigation; {@code section} which of its pages this is.
 */
public record Page(Texts t, Assets assets, String title, String otherLang, String switchUrl, String course,
                   String section) {

    public Page titled(String pageTitle) {
        return new Page(t, assets, pageTitle, otherLang, switchUrl, course, section);
    }
}
