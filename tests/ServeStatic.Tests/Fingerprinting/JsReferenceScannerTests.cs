using ServeStatic.Fingerprinting;

namespace ServeStatic.Tests.Fingerprinting;

public class JsReferenceScannerTests
{
    private static List<string> Urls(string js) => JsReferenceScanner.Scan(js).Select(r => r.Url).ToList();

    [Theory]
    [InlineData("import x from './a.js';")]
    [InlineData("import x from \"./a.js\"")]
    [InlineData("import { a, b as c } from './a.js';")]
    [InlineData("import x, { a } from './a.js';")]
    [InlineData("import * as ns from './a.js';")]
    [InlineData("import {\n  a,\n  b,\n} from\n  './a.js';")]
    [InlineData("import { \"string name\" as a } from './a.js';")]
    [InlineData("import from from './a.js';")]
    [InlineData("import { from } from './a.js';")]
    [InlineData("import data from './a.js' with { type: 'json' };")]
    [InlineData("import './a.js';")]
    [InlineData("import('./a.js').then(m => m.run());")]
    [InlineData("const m = await import(\"./a.js\", { with: { type: 'json' } });")]
    [InlineData("export * from './a.js';")]
    [InlineData("export * as ns from './a.js';")]
    [InlineData("export * as \"string name\" from './a.js';")]
    [InlineData("export { a, b as c } from './a.js';")]
    [InlineData("export { default } from './a.js';")]
    [InlineData("const u = import.meta.resolve('./a.js');")]
    [InlineData("const img = new URL('./a.js', import.meta.url);")]
    public void Each_module_reference_form_is_found(string js) =>
        Assert.Equal(["./a.js"], Urls(js));

    [Theory]
    [InlineData("const s = \"import x from './a.js'\";")]
    [InlineData("const s = 'import(\"./a.js\")';")]
    [InlineData("const s = `import x from './a.js'`;")]
    [InlineData("const s = `${'import'} from './a.js'`;")]
    [InlineData("// import x from './a.js'")]
    [InlineData("/* import('./a.js') */")]
    [InlineData("const r = /import('.\\/a.js')/;")]
    [InlineData("const r = /[/]import x from '.\\/a.js'/g;")]
    [InlineData("obj.import('./a.js');")]
    [InlineData("obj?.import('./a.js');")]
    [InlineData("const m = import('./' + name + '.js');")]
    [InlineData("const m = import(`./${name}.js`);")]
    [InlineData("export { a };\nexport default './a.js';")]
    [InlineData("const o = { import: './a.js' };")]
    public void Text_that_only_looks_like_an_import_is_not_a_reference(string js) =>
        Assert.Empty(Urls(js));

    [Fact]
    public void An_import_inside_a_template_expression_is_code() =>
        Assert.Equal(["./a.js"], Urls("const s = `${await import('./a.js')}`;"));

    [Fact]
    public void Division_is_not_taken_for_a_regular_expression()
    {
        // If "/ 2 / '" were read as a regular expression, the quote would not open a string and the import would be lost.
        Assert.Equal(["./a.js"], Urls("const x = a / 2 / b; const y = (c) / 3; import('./a.js');"));
    }

    [Fact]
    public void A_regular_expression_containing_a_quote_does_not_open_a_string() =>
        Assert.Equal(["./a.js"], Urls("const r = /'/g; import('./a.js'); const s = '/';"));

    [Fact]
    public void An_escaped_quote_does_not_end_a_string() =>
        Assert.Equal(["./a.js"], Urls("const s = 'it\\'s import(\"./b.js\")'; import('./a.js');"));

    [Fact]
    public void Escapes_in_a_specifier_are_undone() =>
        Assert.Equal(["./a b.js"], Urls("import './a\\u0020b.js';"));

    [Fact]
    public void Bare_specifiers_are_found_so_the_resolver_can_leave_them_to_an_import_map() =>
        Assert.Equal(["lodash", "https://cdn.example/x.js"], Urls("import _ from 'lodash'; import 'https://cdn.example/x.js';"));

    [Fact]
    public void Source_mapping_comments_are_found() =>
        Assert.Equal(["app.js.map"], Urls("export const a = 1;\n//# sourceMappingURL=app.js.map\n"));

    [Fact]
    public void A_source_mapping_comment_inside_a_string_is_not_one() =>
        Assert.Empty(Urls("const s = '//# sourceMappingURL=app.js.map';"));

    [Fact]
    public void Minified_javascript_on_one_line_yields_every_reference_in_order()
    {
        const string js = "import{a as b}from\"./a.js\";import*as c from\"./b.js\";export{d}from\"./c.js\";const e=\"import f from './no.js'\",g=/\"/.test(e)?1:2/3;import(\"./d.js\").then(h=>h);export*from\"./e.js\";//# sourceMappingURL=m.js.map";
        Assert.Equal(["./a.js", "./b.js", "./c.js", "./d.js", "./e.js", "m.js.map"], Urls(js));
    }

    [Fact]
    public void The_span_of_a_specifier_excludes_its_quotes()
    {
        const string js = "import x from './a.js';";
        var reference = Assert.Single(JsReferenceScanner.Scan(js));
        Assert.Equal("./a.js", js.Substring(reference.Start, reference.Length));
        Assert.Equal(ReferenceRole.Module, reference.Role);
    }

    [Fact]
    public void Static_imports_and_exports_are_marked_and_dynamic_imports_are_not() =>
        Assert.Equal(
            [("./a.js", ReferenceUse.StaticImport), ("./b.js", ReferenceUse.StaticImport), ("./c.js", ReferenceUse.StaticImport),
             ("./d.js", ReferenceUse.StaticImport), ("./lazy.js", ReferenceUse.Other), ("./e.js", ReferenceUse.Other)],
            JsReferenceScanner.Scan("import a from './a.js'; import './b.js'; export * from './c.js'; export { x } from './d.js';"
                + " import('./lazy.js'); import.meta.resolve('./e.js');").Select(r => (r.Url, r.Use)));
}
