import jsii
import cdktf._jsii
