// CWE-798 SAFE: the AWS client uses DefaultAWSCredentialsProviderChain (environment, profile or instance role); no key is in the code.
import com.amazonaws.auth.DefaultAWSCredentialsProviderChain;
import com.amazonaws.services.s3.AmazonS3;
import com.amazonaws.services.s3.AmazonS3ClientBuilder;

public class SafeCredsAwsDefaultChain {

    public AmazonS3 client() {
        return AmazonS3ClientBuilder.standard()
                .withCredentials(DefaultAWSCredentialsProviderChain.getInstance())
                .withRegion("eu-west-1")
                .build();
    }
}
