// CWE-502 VULNERABLE: a @RequestBody YAML document is parsed with new Yaml().load(..) (SnakeYAML default constructor), so !!class tags instantiate arbitrary types.
import java.util.Map;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.yaml.snakeyaml.Yaml;

@RestController
@RequestMapping("/api/ci")
public class VulnDeserSpringYamlBody {

    @PostMapping(value = "/pipelines", consumes = "application/x-yaml")
    public String define(@RequestBody String definition) {
        Object parsed = new Yaml().load(definition);
        if (parsed instanceof Map) {
            return "pipeline with " + ((Map<?, ?>) parsed).size() + " keys";
        }
        return "unsupported";
    }
}
