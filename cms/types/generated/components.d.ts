import type { Schema, Struct } from '@strapi/strapi';

export interface ProcedureDossierComponent extends Struct.ComponentSchema {
  collectionName: 'components_procedure_dossier_component';
  info: {
    description: 'T\u00EAn gi\u1EA5y t\u1EDD, s\u1ED1 b\u1EA3n ch\u00EDnh, s\u1ED1 b\u1EA3n sao, m\u1EABu \u0111\u01A1n';
    displayName: 'Th\u00E0nh ph\u1EA7n h\u1ED3 s\u01A1';
  };
  attributes: {
    copies: Schema.Attribute.Integer &
      Schema.Attribute.SetMinMax<
        {
          min: 0;
        },
        number
      >;
    formTemplate: Schema.Attribute.Media<'files'>;
    formTemplateName: Schema.Attribute.String;
    name: Schema.Attribute.Text & Schema.Attribute.Required;
    note: Schema.Attribute.Text;
    originals: Schema.Attribute.Integer &
      Schema.Attribute.SetMinMax<
        {
          min: 0;
        },
        number
      >;
  };
}

export interface ProcedureFee extends Struct.ComponentSchema {
  collectionName: 'components_procedure_fee';
  info: {
    description: 'Kho\u1EA3n ph\u00ED ho\u1EB7c l\u1EC7 ph\u00ED, t\u00EDnh b\u1EB1ng \u0111\u1ED3ng (VND)';
    displayName: 'Ph\u00ED, l\u1EC7 ph\u00ED';
  };
  attributes: {
    amountVnd: Schema.Attribute.BigInteger;
    description: Schema.Attribute.Text & Schema.Attribute.Required;
    note: Schema.Attribute.Text;
  };
}

export interface ProcedureProcessingTime extends Struct.ComponentSchema {
  collectionName: 'components_procedure_processing_time';
  info: {
    description: 'S\u1ED1 l\u01B0\u1EE3ng v\u00E0 \u0111\u01A1n v\u1ECB (ng\u00E0y l\u00E0m vi\u1EC7c, ng\u00E0y, gi\u1EDD)';
    displayName: 'Th\u1EDDi h\u1EA1n gi\u1EA3i quy\u1EBFt';
  };
  attributes: {
    text: Schema.Attribute.Text;
    unit: Schema.Attribute.Enumeration<['workingDays', 'days', 'hours', 'months']>;
    value: Schema.Attribute.Decimal &
      Schema.Attribute.SetMinMax<
        {
          min: 0;
        },
        number
      >;
  };
}

export interface ProcedureStep extends Struct.ComponentSchema {
  collectionName: 'components_procedure_step';
  info: {
    description: 'M\u1ED9t b\u01B0\u1EDBc trong tr\u00ECnh t\u1EF1 th\u1EF1c hi\u1EC7n th\u1EE7 t\u1EE5c';
    displayName: 'B\u01B0\u1EDBc th\u1EF1c hi\u1EC7n';
  };
  attributes: {
    description: Schema.Attribute.Text & Schema.Attribute.Required;
    order: Schema.Attribute.Integer &
      Schema.Attribute.Required &
      Schema.Attribute.SetMinMax<
        {
          min: 1;
        },
        number
      >;
  };
}

export interface ProcedureSubmissionMethod extends Struct.ComponentSchema {
  collectionName: 'components_procedure_submission_method';
  info: {
    description: 'Tr\u1EF1c ti\u1EBFp, tr\u1EF1c tuy\u1EBFn ho\u1EB7c qua b\u01B0u ch\u00EDnh';
    displayName: 'C\u00E1ch th\u1EE9c th\u1EF1c hi\u1EC7n';
  };
  attributes: {
    description: Schema.Attribute.Text;
    method: Schema.Attribute.Enumeration<['inPerson', 'online', 'post']> & Schema.Attribute.Required;
  };
}

export interface SharedContact extends Struct.ComponentSchema {
  collectionName: 'components_shared_contact';
  info: {
    description: '\u0110\u1ECBa ch\u1EC9, \u0111i\u1EC7n tho\u1EA1i, th\u01B0 \u0111i\u1EC7n t\u1EED, website';
    displayName: 'Li\u00EAn h\u1EC7';
  };
  attributes: {
    address: Schema.Attribute.String;
    email: Schema.Attribute.Email;
    fax: Schema.Attribute.String;
    phone: Schema.Attribute.String;
    website: Schema.Attribute.Text &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 2048;
      }>;
  };
}

declare module '@strapi/strapi' {
  export namespace Public {
    export interface ComponentSchemas {
      'procedure.dossier-component': ProcedureDossierComponent;
      'procedure.fee': ProcedureFee;
      'procedure.processing-time': ProcedureProcessingTime;
      'procedure.step': ProcedureStep;
      'procedure.submission-method': ProcedureSubmissionMethod;
      'shared.contact': SharedContact;
    }
  }
}
