package dev.kb.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kb.model.LinkTarget;
import org.junit.jupiter.api.Test;

class LinkResolverTest {

    @Test
    void leading_slash_is_relative_to_the_course_root() {
        LinkTarget t = LinkResolver.resolve("/security/a.md", "guides/deep/x.md");
        assertThat(t.kind()).isEqualTo(LinkTarget.Kind.LOCAL);
        assertThat(t.targetPath()).isEqualTo("security/a.md");
    }

    @Test
    void plain_path_is_relative_to_the_linking_file() {
        assertThat(LinkResolver.resolve("b.md", "guides/a.md").targetPath()).isEqualTo("guides/b.md");
        assertThat(LinkResolver.resolve("../b.md", "guides/a.md").targetPath()).isEqualTo("b.md");
        assertThat(LinkResolver.resolve("./sub/./c.md", "a.md").targetPath()).isEqualTo("sub/c.md");
    }

    @Test
    void fragment_is_kept_as_anchor_and_query_dropped() {
        LinkTarget t = LinkResolver.resolve("services.md?plain=1#service-types", "networking/x.md");
        assertThat(t.targetPath()).isEqualTo("networking/services.md");
        assertThat(t.fragment()).isEqualTo("service-types");
    }

    @Test
    void percent_encoding_is_decoded_but_plus_stays() {
        assertThat(LinkResolver.resolve("policies%20exercise.md", "a.md").targetPath()).isEqualTo("policies exercise.md");
        assertThat(LinkResolver.resolve("c++.md", "a.md").targetPath()).isEqualTo("c++.md");
        assertThat(LinkResolver.resolve("%C3%BCbersicht.md", "a.md").targetPath()).isEqualTo("übersicht.md");
        assertThat(LinkResolver.resolve("bad%zz.md", "a.md").targetPath()).isEqualTo("bad%zz.md");
    }

    @Test
    void whitespace_and_line_breaks_around_and_inside_the_target_are_removed() {
        assertThat(LinkResolver.resolve("https://example.org/a/\n   b.md\n", "x.md").url())
                .isEqualTo("https://example.org/a/b.md");
        assertThat(LinkResolver.resolve("  a.md  ", "x.md").targetPath()).isEqualTo("a.md");
    }

    @Test
    void targets_that_climb_out_of_the_root_get_no_path_and_a_reason() {
        for (String href : new String[] {"../../etc/passwd", "/../x.md", "%2e%2e/%2e%2e/etc/passwd", "a/../../b"}) {
            LinkTarget t = LinkResolver.resolve(href, "README.md");
            assertThat(t.targetPath()).as(href).isNull();
            assertThat(t.problem()).as(href).contains("escapes the course root");
        }
    }

    @Test
    void schemes_other_than_http_are_not_course_links() {
        assertThat(LinkResolver.resolve("https://kubernetes.io/docs", "a.md").kind()).isEqualTo(LinkTarget.Kind.EXTERNAL);
        assertThat(LinkResolver.resolve("HTTP://EXAMPLE.ORG", "a.md").kind()).isEqualTo(LinkTarget.Kind.EXTERNAL);
        assertThat(LinkResolver.resolve("//cdn.example.org/x.js", "a.md").url()).isEqualTo("https://cdn.example.org/x.js");
        assertThat(LinkResolver.resolve("mailto:trainer@example.org", "a.md").kind()).isEqualTo(LinkTarget.Kind.OTHER);
        assertThat(LinkResolver.resolve("javascript:alert(1)", "a.md").kind()).isEqualTo(LinkTarget.Kind.OTHER);
    }

    @Test
    void empty_and_same_document_targets() {
        assertThat(LinkResolver.resolve("", "a.md").kind()).isEqualTo(LinkTarget.Kind.EMPTY);
        assertThat(LinkResolver.resolve(null, "a.md").kind()).isEqualTo(LinkTarget.Kind.EMPTY);
        LinkTarget anchor = LinkResolver.resolve("#step-2", "guides/a.md");
        assertThat(anchor.kind()).isEqualTo(LinkTarget.Kind.ANCHOR);
        assertThat(anchor.targetPath()).isEqualTo("guides/a.md");
        assertThat(anchor.fragment()).isEqualTo("step-2");
    }
}
